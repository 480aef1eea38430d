using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Interop;

/// <summary>
/// Legacy headers (alterId 4) with v2ray 4.34 both ways, 8 MiB each way per connection, SHA-256 checked.
/// v2ray's client cannot be configured for the CFB body (it only uses it after a switch-account), so that
/// security runs in one direction only: our client to v2ray's server.
/// </summary>
public sealed class LegacyInteropTests
{
    private const long BytesEachWay = 8L * 1024 * 1024;
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(150);

    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("chacha20-poly1305")]
    [InlineData("none")]
    [InlineData("aes-128-cfb")]
    public async Task OurClient_V2RayServer_LegacyHeaderEchoesEightMiB(string security)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var v2ray = await V2RayProcess.StartAsync(LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId), [vmessPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(LegacyConfigs.SocksToVMess(socksPort, vmessPort, LegacyKit.UserId, security), [socksPort], cancellationToken: timeout.Token);

        await PumpAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("chacha20-poly1305")]
    [InlineData("none")]
    public async Task V2RayClient_OurServer_LegacyHeaderEchoesEightMiB(string security)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var ours = await HostProcess.StartAsync(LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId), [vmessPort], cancellationToken: timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(LegacyConfigs.SocksToVMess(socksPort, vmessPort, LegacyKit.UserId, security), [socksPort], timeout.Token);

        await PumpAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    [Fact]
    public async Task OurClient_OurServer_CfbBodyEchoesEightMiB()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var server = await HostProcess.StartAsync(LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId), [vmessPort], cancellationToken: timeout.Token);
        await using var client = await HostProcess.StartAsync(LegacyConfigs.SocksToVMess(socksPort, vmessPort, LegacyKit.UserId, "aes-128-cfb"), [socksPort], cancellationToken: timeout.Token);

        await PumpAsync(socksPort, echo.Port, () => client.Describe() + server.Describe(), timeout.Token);
    }

    private static async Task PumpAsync(ushort socksPort, ushort echoPort, Func<string> describe, CancellationToken cancellationToken)
    {
        var proxy = new IPEndPoint(IPAddress.Loopback, socksPort);
        var pumps = Enumerable.Range(0, 2).Select(async seed =>
        {
            await using var stream = await Socks5Client.ConnectAsync(proxy, "127.0.0.1", echoPort, cancellationToken: cancellationToken);
            return await ExactEchoPump.RunAsync(stream, BytesEachWay, seed, cancellationToken);
        }).ToArray();

        (byte[] Sent, byte[] Received, long ReceivedBytes)[] results;
        try
        {
            results = await Task.WhenAll(pumps);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"pump failed: {exception.Message}{describe()}");
        }

        foreach (var result in results)
        {
            Assert.True(result.ReceivedBytes == BytesEachWay, $"received {result.ReceivedBytes} of {BytesEachWay}{describe()}");
            Assert.Equal(Convert.ToHexString(result.Sent), Convert.ToHexString(result.Received));
        }
    }
}
