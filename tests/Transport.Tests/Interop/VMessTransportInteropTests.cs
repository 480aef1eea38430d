using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;
using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>
/// VMess over ws, tls and ws+tls against v2ray 4.34, both ways, 8 MiB each way SHA-256 checked, with a
/// certificate made by the test and verified for real (serverName "localhost", the certificate trusted).
/// </summary>
public sealed class VMessTransportInteropTests : IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TestCertificate _certificate = TestCertificate.Create();

    public static TheoryData<string> Transports() => new() { "ws", "tls", "ws+tls" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task OurClient_V2RayServer_Echoes8MiBIntact(string transport)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var serverPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var v2ray = await V2RayProcess.StartAsync(
            ProxyConfigs.VMessToFreedom(serverPort, TransportCase.Server(transport, _certificate)), [serverPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(
            ProxyConfigs.SocksToVMess(socksPort, serverPort, TransportCase.Client(transport, _certificate)), [socksPort],
            HostPlugins.EnableAllIn(RepoPaths.PluginsDirectory), timeout.Token);

        await SocksEcho.AssertIntactAsync(socksPort, echo.Port, SocksEcho.EightMiB, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task V2RayClient_OurServer_Echoes8MiBIntact(string transport)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var serverPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var ours = await HostProcess.StartAsync(
            ProxyConfigs.VMessToFreedom(serverPort, TransportCase.Server(transport, _certificate)), [serverPort],
            HostPlugins.EnableAllIn(RepoPaths.PluginsDirectory), timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(
            ProxyConfigs.SocksToVMess(socksPort, serverPort, TransportCase.Client(transport, _certificate)), [socksPort], timeout.Token);

        await SocksEcho.AssertIntactAsync(socksPort, echo.Port, SocksEcho.EightMiB, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    public void Dispose() => _certificate.Dispose();
}
