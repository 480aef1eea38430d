using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Interop;

/// <summary>
/// SOCKS5 UDP ASSOCIATE → VMess (UDP command) → freedom → UDP echo, with v2ray 4.34 at one end and our host at
/// the other, both ways: DNS-sized (60 B) and 1400-byte datagrams, every echo checked, loss counted (none on loopback).
/// </summary>
public sealed class UdpInteropTests
{
    private const int PerSize = 40;

    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("chacha20-poly1305")]
    public async Task OurClient_V2RayServer_DatagramsEchoedWithoutLoss(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new UdpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var v2ray = await V2RayProcess.StartAsync(InteropConfigs.VMessToFreedom(vmessPort), [vmessPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(InteropConfigs.SocksToVMess(socksPort, vmessPort, security, muxConcurrency: null), [socksPort], cancellationToken: timeout.Token);

        await AssertNoLossAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("none")]
    public async Task V2RayClient_OurServer_DatagramsEchoedWithoutLoss(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new UdpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var ours = await HostProcess.StartAsync(InteropConfigs.VMessToFreedom(vmessPort), [vmessPort], cancellationToken: timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(InteropConfigs.SocksToVMess(socksPort, vmessPort, security, muxConcurrency: null), [socksPort], timeout.Token);

        await AssertNoLossAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    internal static async Task AssertNoLossAsync(ushort socksPort, ushort echoPort, Func<string> describe, CancellationToken cancellationToken)
    {
        foreach (var size in new[] { 60, 1400 })
        {
            var (lost, mismatch) = await DatagramProbe.RunAsync(socksPort, echoPort, size, PerSize, cancellationToken);
            Assert.True(mismatch is null, mismatch + describe());
            Assert.True(lost == 0, $"{lost} of {PerSize} {size}-byte datagrams lost{describe()}");
        }
    }
}
