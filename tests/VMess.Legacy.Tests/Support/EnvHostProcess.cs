using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>Our host run with extra environment variables (HostProcess has no way to set them), killed on dispose.</summary>
internal sealed class EnvHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workDirectory;

    private EnvHostProcess(Process process, string workDirectory)
    {
        _process = process;
        _workDirectory = workDirectory;
    }

    public OutputBuffer Output { get; } = new();

    public static async Task<EnvHostProcess> StartAsync(
        string configJson, ushort readyPort, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var workDirectory = Directory.CreateTempSubdirectory("vmess-legacy-host-").FullName;
        var configPath = Path.Combine(workDirectory, "cfg.json");
        var pluginsPath = Path.Combine(workDirectory, "plugins.json");
        await File.WriteAllTextAsync(configPath, configJson, cancellationToken);
        await File.WriteAllTextAsync(pluginsPath, HostProcess.DefaultPluginsJson(), cancellationToken);
        var info = HostProcess.CreateStartInfo(workDirectory, "run", "-c", configPath, "-p", pluginsPath);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var host = new EnvHostProcess(new Process { StartInfo = info }, workDirectory);
        host._process.OutputDataReceived += (_, e) => host.Output.AppendLine(string.Empty, e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Output.AppendLine("! ", e.Data);
        try
        {
            host._process.Start();
            host._process.BeginOutputReadLine();
            host._process.BeginErrorReadLine();
            while (!await CanConnectAsync(readyPort, cancellationToken))
            {
                if (host._process.HasExited)
                {
                    throw new InvalidOperationException($"the host exited before port {readyPort} opened:{Environment.NewLine}{host.Output.Text}");
                }

                await Task.Delay(50, cancellationToken);
            }

            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public string Describe() => $"{Environment.NewLine}--- host output ---{Environment.NewLine}{Output.Text}--- end ---";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            // Never started, or already gone.
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

    private static async Task<bool> CanConnectAsync(ushort port, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
