using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>
/// A private nginx (Debian package) in the foreground, reverse-proxying WebSocket upgrades on one path from a
/// free 127.0.0.1 port to an upstream, with its own config, logs and temp folders in a temp directory.
/// </summary>
internal sealed class NginxProcess : IAsyncDisposable
{
    public const string BinaryPath = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _directory;

    private NginxProcess(Process process, string directory, ushort port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public ushort Port { get; }

    public OutputBuffer Output { get; } = new();

    public static async Task<NginxProcess> StartAsync(string path, ushort upstreamPort, CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(BinaryPath), $"{BinaryPath} is missing: install the Debian package (apt-get install -y nginx)");
        var directory = Directory.CreateTempSubdirectory("vmessplugins-nginx-").FullName;
        var port = FreePort.Tcp();
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(directory, port, path, upstreamPort), cancellationToken);

        var info = new ProcessStartInfo(BinaryPath)
        {
            ArgumentList = { "-p", directory + "/", "-c", config, "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = info };
        var nginx = new NginxProcess(process, directory, port);
        process.OutputDataReceived += (_, e) => nginx.Output.AppendLine(string.Empty, e.Data);
        process.ErrorDataReceived += (_, e) => nginx.Output.AppendLine("! ", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await nginx.WaitUntilListeningAsync(cancellationToken);
            return nginx;
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }
    }

    public string Describe()
    {
        var log = Path.Combine(_directory, "error.log");
        var errors = File.Exists(log) ? File.ReadAllText(log) : "";
        return $"{Environment.NewLine}--- nginx ---{Environment.NewLine}{Output.Text}{errors}--- end ---";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    // WebSocket needs HTTP/1.1 upstream and the hop-by-hop Upgrade/Connection headers passed on explicitly.
    private static string Config(string directory, ushort port, string path, ushort upstreamPort) => $$"""
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        events { worker_connections 256; }
        http {
          access_log off;
          client_body_temp_path {{directory}}/client_body;
          proxy_temp_path {{directory}}/proxy;
          fastcgi_temp_path {{directory}}/fastcgi;
          uwsgi_temp_path {{directory}}/uwsgi;
          scgi_temp_path {{directory}}/scgi;
          server {
            listen 127.0.0.1:{{port}};
            location = {{path}} {
              proxy_pass http://127.0.0.1:{{upstreamPort}};
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection "upgrade";
              proxy_set_header Host $host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_read_timeout 300s;
            }
            location / { return 404; }
          }
        }
        """;

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), cancellationToken);
                return;
            }
            catch (SocketException) when (!_process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"nginx did not listen on 127.0.0.1:{Port}.{Describe()}");
            }
        }
    }
}
