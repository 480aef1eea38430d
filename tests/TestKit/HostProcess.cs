using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace VMessPlugins.TestKit;

/// <summary>
/// Runs the built host (<c>vmessplugins run -c cfg.json -p plugins.json</c>) from a temporary folder,
/// captures its output and kills its process tree on dispose.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly string _workDirectory;

    private HostProcess(Process process, string workDirectory, string configPath, string pluginsPath)
    {
        _process = process;
        _workDirectory = workDirectory;
        ConfigPath = configPath;
        PluginsPath = pluginsPath;
    }

    /// <summary>stdout and stderr of the host so far (stderr lines prefixed with "! ").</summary>
    public OutputBuffer Output { get; } = new();

    /// <summary>The config file written for this run.</summary>
    public string ConfigPath { get; }

    /// <summary>The plugins.json written for this run.</summary>
    public string PluginsPath { get; }

    /// <summary>The host's process id (to send it signals such as SIGHUP).</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (valid after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the host with <paramref name="configJson"/> and waits until every port in
    /// <paramref name="readyPorts"/> accepts a TCP connection on 127.0.0.1.
    /// </summary>
    /// <param name="configJson">The config file's content.</param>
    /// <param name="readyPorts">TCP ports that must accept before the host counts as ready.</param>
    /// <param name="pluginsJson">plugins.json's content; null scans the host's plugins folder with everything enabled.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<HostProcess> StartAsync(
        string configJson,
        IReadOnlyList<ushort> readyPorts,
        string? pluginsJson = null,
        CancellationToken cancellationToken = default)
    {
        var workDirectory = Directory.CreateTempSubdirectory("vmessplugins-host-").FullName;
        var configPath = Path.Combine(workDirectory, "cfg.json");
        var pluginsPath = Path.Combine(workDirectory, "plugins.json");
        await File.WriteAllTextAsync(configPath, configJson, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(pluginsPath, pluginsJson ?? DefaultPluginsJson(), cancellationToken).ConfigureAwait(false);

        var process = new Process { StartInfo = CreateStartInfo(workDirectory, "run", "-c", configPath, "-p", pluginsPath) };
        var host = new HostProcess(process, workDirectory, configPath, pluginsPath);
        process.OutputDataReceived += (_, e) => host.Output.AppendLine(string.Empty, e.Data);
        process.ErrorDataReceived += (_, e) => host.Output.AppendLine("! ", e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await host.WaitForPortsAsync(readyPorts, DefaultReadyTimeout, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A plugins.json that scans the host's plugins folder (absolute path) and enables every plugin found
    /// there; <paramref name="overrides"/> switches single plugins (by folder name) on or off.
    /// </summary>
    public static string DefaultPluginsJson(IReadOnlyDictionary<string, bool>? overrides = null)
    {
        var switches = new SortedDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(RepoPaths.PluginsDirectory))
        {
            foreach (var folder in Directory.EnumerateDirectories(RepoPaths.PluginsDirectory))
            {
                switches[Path.GetFileName(folder)] = true;
            }
        }

        foreach (var (name, enabled) in overrides ?? new Dictionary<string, bool>())
        {
            switches[name] = enabled;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["pluginFolders"] = new[] { RepoPaths.PluginsDirectory },
            ["plugins"] = switches,
        });
    }

    /// <summary>Start info for running the host executable with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo CreateStartInfo(string workingDirectory, params string[] arguments)
    {
        var executable = Path.Combine(RepoPaths.HostDirectory, OperatingSystem.IsWindows() ? "vmessplugins.exe" : "vmessplugins");
        if (!File.Exists(executable) && !File.Exists(Path.Combine(RepoPaths.HostDirectory, "vmessplugins.dll")))
        {
            throw new InvalidOperationException(
                $"No host in {RepoPaths.HostDirectory}: build it first (dotnet build host -c {RepoPaths.Configuration}) or set {RepoPaths.HostDirectoryVariable}.");
        }

        var info = File.Exists(executable)
            ? new ProcessStartInfo(executable)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(RepoPaths.HostDirectory, "vmessplugins.dll") } };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.WorkingDirectory = workingDirectory;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return info;
    }

    /// <summary>Waits until <paramref name="fragment"/> shows up in the output.</summary>
    /// <exception cref="TimeoutException">It did not, within <paramref name="timeout"/>; the message carries the output.</exception>
    public async Task WaitForOutputAsync(string fragment, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = Stopwatch.StartNew();
        while (!Output.Contains(fragment))
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The host did not print \"{fragment}\" within {timeout}.{Describe()}");
            }

            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The host's output, for assertion messages.</summary>
    public string Describe() => $"{Environment.NewLine}--- host output ---{Environment.NewLine}{Output.Text}--- end ---";

    private async Task WaitForPortsAsync(IReadOnlyList<ushort> ports, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (!await CanConnectAsync(port, cancellationToken).ConfigureAwait(false))
            {
                if (_process.HasExited)
                {
                    _process.WaitForExit();
                    throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before port {port} was ready.{Describe()}");
                }

                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"The host did not listen on 127.0.0.1:{port} within {timeout}.{Describe()}");
                }

                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> CanConnectAsync(ushort port, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
