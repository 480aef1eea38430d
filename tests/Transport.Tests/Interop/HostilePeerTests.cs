using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;
using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>Scanners and plain HTTP against our real host: each ends with one log line, and the host keeps serving v2ray.</summary>
public sealed class HostilePeerTests : IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TestCertificate _certificate = TestCertificate.Create();

    [Theory]
    [InlineData("tls", "security handshake")]
    [InlineData("ws+tls", "WebSocket handshake")]
    [InlineData("ws", "WebSocket upgrade")]
    public async Task Host_PlainHttpAndGarbage_DropsThemLogsAndStillServesV2Ray(string transport, string logged)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var serverPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var ours = await HostProcess.StartAsync(
            ProxyConfigs.VMessToFreedom(serverPort, TransportCase.Server(transport, _certificate)), [serverPort],
            HostPlugins.EnableAllIn(RepoPaths.PluginsDirectory), timeout.Token);

        foreach (var probe in new[] { "GET /ray HTTP/1.1\r\nHost: x\r\n\r\n", "\u0001\u0002garbage\r\n\r\n" })
        {
            await using var scanner = await RawHttp.ConnectAsync(serverPort, timeout.Token);
            await scanner.SendAsync(probe, timeout.Token);
            Assert.True(await scanner.IsClosedByPeerAsync(timeout.Token));
        }

        await ours.WaitForOutputAsync(logged, TimeSpan.FromSeconds(10), timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(
            ProxyConfigs.SocksToVMess(socksPort, serverPort, TransportCase.Client(transport, _certificate)), [socksPort], timeout.Token);
        await SocksEcho.AssertIntactAsync(socksPort, echo.Port, 1 << 20, () => ours.Describe() + v2ray.Describe(), timeout.Token);
        Assert.False(ours.HasExited);
    }

    public void Dispose() => _certificate.Dispose();
}
