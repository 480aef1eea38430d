using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.TestKit.V2Ray;

/// <summary>
/// Runs the real v2ray (4.34, <c>/usr/bin/v2ray -config FILE</c>) with a config written to a temporary
/// folder, waits until its ports accept on 127.0.0.1 and kills it on dispose. A missing binary is a
/// failure, never a skip: interop is what these tests exist for.
/// </summary>
public sealed class V2RayProcess : IAsyncDisposable
{
    /// <summary>Overrides the binary's path.</summary>
    public const string PathVariable = "V2RAY_PATH";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly string _workDirectory;

    private V2RayProcess(Process process, string workDirectory)
    {
        _process = process;
        _workDirectory = workDirectory;
    }

    /// <summary>The binary used.</summary>
    public static string BinaryPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/v2ray";

    /// <summary>The process id (for CPU accounting in benchmarks).</summary>
    public int ProcessId => _process.Id;

    /// <summary>stdout and stderr so far.</summary>
    public OutputBuffer Output { get; } = new();

    /// <summary>Starts v2ray with <paramref name="configJson"/>; every inbound in it must listen on 127.0.0.1.</summary>
    public static async Task<V2RayProcess> StartAsync(string configJson, IReadOnlyList<ushort> readyPorts, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new FileNotFoundException($"v2ray is not installed at {BinaryPath} (scripts install it; or set {PathVariable}).", BinaryPath);
        }

        var workDirectory = Directory.CreateTempSubdirectory("v2ray-").FullName;
        var configPath = Path.Combine(workDirectory, "config.json");
        await File.WriteAllTextAsync(configPath, configJson, cancellationToken).ConfigureAwait(false);
        var info = new ProcessStartInfo(BinaryPath)
        {
            ArgumentList = { "-config", configPath },
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = info };
        var v2ray = new V2RayProcess(process, workDirectory);
        process.OutputDataReceived += (_, e) => v2ray.Output.AppendLine(string.Empty, e.Data);
        process.ErrorDataReceived += (_, e) => v2ray.Output.AppendLine("! ", e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await v2ray.WaitForPortsAsync(readyPorts, cancellationToken).ConfigureAwait(false);
            return v2ray;
        }
        catch
        {
            await v2ray.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The output, framed for an assertion message.</summary>
    public string Describe() => $"{Environment.NewLine}--- v2ray output ---{Environment.NewLine}{Output.Text}--- end ---";

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task WaitForPortsAsync(IReadOnlyList<ushort> ports, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        foreach (var port in ports)
        {
            while (!await CanConnectAsync(port, cancellationToken).ConfigureAwait(false))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"v2ray exited with code {_process.ExitCode} before port {port} opened.{Describe()}");
                }

                if (clock.Elapsed > ReadyTimeout)
                {
                    throw new TimeoutException($"v2ray did not open port {port} within {ReadyTimeout}.{Describe()}");
                }

                await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> CanConnectAsync(ushort port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
