using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;

namespace VMessPlugins.Tests.Interop.Tests;

/// <summary>
/// Every security mode v2ray 4.34 speaks, both ways: our socks → our vmess outbound → v2ray's vmess inbound,
/// and v2ray's socks → v2ray's vmess outbound → our vmess inbound; 3 connections at once, 8 MiB each way each.
/// </summary>
public sealed class VMessInteropTests
{
    private const string UserId = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private const long BytesEachWay = 8L * 1024 * 1024;
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var security in new[] { "aes-128-gcm", "chacha20-poly1305", "none", "auto" })
        {
            data.Add(security, "127.0.0.1");
            data.Add(security, "localhost");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OurClient_V2RayServer_EchoesEightMiBOnThreeConnections(string security, string destination)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var v2ray = await V2RayProcess.StartAsync(V2RayConfigs.VMessServer(vmessPort, UserId), [vmessPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(OurConfigs.SocksToVMess(socksPort, vmessPort, UserId, security), [socksPort], cancellationToken: timeout.Token);

        await PumpAsync(socksPort, destination, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task V2RayClient_OurServer_EchoesEightMiBOnThreeConnections(string security, string destination)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        await using var ours = await HostProcess.StartAsync(OurConfigs.VMessServer(vmessPort, UserId), [vmessPort], cancellationToken: timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(V2RayConfigs.SocksToVMess(socksPort, vmessPort, UserId, security), [socksPort], timeout.Token);

        await PumpAsync(socksPort, destination, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    private static async Task PumpAsync(ushort socksPort, string destination, ushort echoPort, Func<string> describe, CancellationToken cancellationToken)
    {
        var proxy = new IPEndPoint(IPAddress.Loopback, socksPort);
        var pumps = Enumerable.Range(0, 3).Select(async seed =>
        {
            await using var stream = await Socks5Client.ConnectAsync(proxy, destination, echoPort, cancellationToken: cancellationToken);
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
