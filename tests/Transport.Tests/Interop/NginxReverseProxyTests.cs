using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;

namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>Our vmess+ws server behind nginx, reached by our client and by v2ray 4.34's, 8 MiB each way.</summary>
public sealed class NginxReverseProxyTests
{
    private const string Path = "/ray";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task OurClient_NginxThenOurServer_Echoes8MiBIntact()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var serverPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        var plugins = HostPlugins.EnableAllIn(RepoPaths.PluginsDirectory);
        await using var server = await HostProcess.StartAsync(
            ProxyConfigs.VMessToFreedom(serverPort, TransportCase.Server("ws", null, Path)), [serverPort], plugins, timeout.Token);
        await using var nginx = await NginxProcess.StartAsync(Path, serverPort, timeout.Token);
        await using var client = await HostProcess.StartAsync(
            ProxyConfigs.SocksToVMess(socksPort, nginx.Port, TransportCase.Client("ws", null, Path)), [socksPort], plugins, timeout.Token);

        await SocksEcho.AssertIntactAsync(socksPort, echo.Port, SocksEcho.EightMiB, () => client.Describe() + nginx.Describe() + server.Describe(), timeout.Token);
    }

    [Fact]
    public async Task V2RayClient_NginxThenOurServer_Echoes8MiBIntact()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var serverPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var server = await HostProcess.StartAsync(
            ProxyConfigs.VMessToFreedom(serverPort, TransportCase.Server("ws", null, Path)), [serverPort],
            HostPlugins.EnableAllIn(RepoPaths.PluginsDirectory), timeout.Token);
        await using var nginx = await NginxProcess.StartAsync(Path, serverPort, timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(
            ProxyConfigs.SocksToVMess(socksPort, nginx.Port, TransportCase.Client("ws", null, Path)), [socksPort], timeout.Token);

        await SocksEcho.AssertIntactAsync(socksPort, echo.Port, SocksEcho.EightMiB, () => v2ray.Describe() + nginx.Describe() + server.Describe(), timeout.Token);
    }
}
