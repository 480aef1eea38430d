using System.Diagnostics;
using System.Net;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>
/// The guide's promise: a transport built on its own (tests/XorTransportPlugin), dropped into a plugins folder
/// beside copies of the host's plugins, and used by the unchanged host for socks → vmess(xor) → vmess(xor) → freedom.
/// </summary>
public sealed class XorDropInTests : IDisposable
{
    private const string PluginName = "Transport.Xor";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(240);
    private readonly string _root = Directory.CreateTempSubdirectory("vmessplugins-dropin-").FullName;

    [Fact]
    public async Task UnchangedHost_XorPluginDroppedIn_Echoes8MiBThroughTwoXorHops()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var plugins = Path.Combine(_root, "plugins");
        CopyHostPlugins(plugins);
        var xorFolder = Path.Combine(plugins, PluginName);
        await PublishXorPluginAsync(xorFolder, timeout.Token);

        Assert.False(Directory.Exists(Path.Combine(RepoPaths.PluginsDirectory, PluginName)), "the host's own build must not contain the example plugin");
        Assert.True(File.Exists(Path.Combine(xorFolder, "VMessPlugins.Transport.Xor.dll")));
        Assert.False(File.Exists(Path.Combine(xorFolder, "VMessPlugins.Abstractions.dll")), "a plugin must not ship its own copy of the contracts");

        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var serverPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        const string xor = """{"network": "xor", "xorSettings": {"key": 90}}""";
        var pluginsJson = HostPlugins.EnableAllIn(plugins);
        await using var server = await HostProcess.StartAsync(ProxyConfigs.VMessToFreedom(serverPort, xor), [serverPort], pluginsJson, timeout.Token);
        await using var client = await HostProcess.StartAsync(ProxyConfigs.SocksToVMess(socksPort, serverPort, xor), [socksPort], pluginsJson, timeout.Token);

        await SocksEcho.AssertIntactAsync(socksPort, echo.Port, SocksEcho.EightMiB, () => client.Describe() + server.Describe(), timeout.Token);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static void CopyHostPlugins(string destination)
    {
        foreach (var source in Directory.GetDirectories(RepoPaths.PluginsDirectory))
        {
            var target = Path.Combine(destination, Path.GetFileName(source));
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }
    }

    // Built the way a third party would: `dotnet publish` of its own project into the plugin's folder.
    private static async Task PublishXorPluginAsync(string folder, CancellationToken cancellationToken)
    {
        var project = Path.Combine(RepoPaths.Root, "tests", "XorTransportPlugin", "XorTransportPlugin.csproj");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { "publish", project, "-c", RepoPaths.Configuration, "--no-restore", "--nologo", "-v", "q", $"-p:PublishDir={folder}/" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"dotnet publish failed:{Environment.NewLine}{await output}{await errors}");
    }
}
