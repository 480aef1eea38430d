using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Interop;

/// <summary>
/// Mux.Cool with v2ray 4.34 both ways: 20 concurrent SOCKS CONNECTs of 1 MiB each, echoed by a TCP server
/// behind freedom, all SHA-256 checked; v2ray's info log shows the traffic really went through its mux code.
/// </summary>
public sealed class MuxInteropTests
{
    private const int Streams = 20;
    private const int StreamBytes = 1024 * 1024;

    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("none")]
    public async Task V2RayClientWithMux_OurServer_TwentyStreamsEchoIntact(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var ours = await HostProcess.StartAsync(InteropConfigs.VMessToFreedom(vmessPort), [vmessPort], cancellationToken: timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(
            InteropConfigs.SocksToVMess(socksPort, vmessPort, security, muxConcurrency: 8, logLevel: "info"), [socksPort], timeout.Token);

        await PumpStreamsAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);

        Assert.Contains("common/mux: dispatching request to tcp:127.0.0.1:" + echo.Port, v2ray.Output.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chacha20-poly1305")]
    [InlineData("none")]
    public async Task OurClientWithMux_V2RayServer_TwentyStreamsEchoIntact(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var v2ray = await V2RayProcess.StartAsync(InteropConfigs.VMessToFreedom(vmessPort, logLevel: "info"), [vmessPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(
            InteropConfigs.SocksToVMess(socksPort, vmessPort, security, muxConcurrency: 8), [socksPort], cancellationToken: timeout.Token);

        await PumpStreamsAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);

        Assert.Contains("common/mux: received request for tcp:127.0.0.1:" + echo.Port, v2ray.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurClientWithMux_V2RayServer_DatagramsEchoedWithoutLoss()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new UdpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var v2ray = await V2RayProcess.StartAsync(InteropConfigs.VMessToFreedom(vmessPort, logLevel: "info"), [vmessPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(
            InteropConfigs.SocksToVMess(socksPort, vmessPort, "aes-128-gcm", muxConcurrency: 8), [socksPort], cancellationToken: timeout.Token);

        await UdpInteropTests.AssertNoLossAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);

        Assert.Contains("common/mux: received request for udp:127.0.0.1:" + echo.Port, v2ray.Output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2RayClientWithMux_OurServer_DatagramsEchoedWithoutLoss()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new UdpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var ours = await HostProcess.StartAsync(InteropConfigs.VMessToFreedom(vmessPort), [vmessPort], cancellationToken: timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(
            InteropConfigs.SocksToVMess(socksPort, vmessPort, "aes-128-gcm", muxConcurrency: 8, logLevel: "info"), [socksPort], timeout.Token);

        await UdpInteropTests.AssertNoLossAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);

        Assert.Contains("common/mux: dispatching request to udp:127.0.0.1:" + echo.Port, v2ray.Output.Text, StringComparison.Ordinal);
    }

    private static async Task PumpStreamsAsync(ushort socksPort, ushort echoPort, Func<string> describe, CancellationToken cancellationToken)
    {
        var proxy = new IPEndPoint(IPAddress.Loopback, socksPort);
        var runs = Enumerable.Range(0, Streams).Select(async i =>
        {
            await using var stream = await Socks5Client.ConnectAsync(proxy, "127.0.0.1", echoPort, cancellationToken: cancellationToken);
            return await ExactEcho.RunAsync(stream, StreamBytes, seed: 100 + i, cancellationToken);
        }).ToArray();

        var results = await Task.WhenAll(runs);
        for (var i = 0; i < results.Length; i++)
        {
            var (sent, received, count) = results[i];
            Assert.True(count == StreamBytes, $"stream {i}: {count} of {StreamBytes} bytes came back{describe()}");
            Assert.True(sent == received, $"stream {i}: the echo differs from what was sent{describe()}");
        }
    }
}
