using System.Net;
using System.Security.Cryptography;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;

namespace VMessPlugins.Tests.Interop.Tests;

/// <summary>UDP over VMess (command 2) both ways with v2ray 4.34: SOCKS5 UDP ASSOCIATE in, UDP echo out.</summary>
public sealed class VMessUdpInteropTests
{
    private const string UserId = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static readonly int[] Sizes = [1, 13, 100, 512, 1000, 1400, 1966];

    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("chacha20-poly1305")]
    [InlineData("none")]
    public async Task OurClient_V2RayServer_EchoesDatagrams(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new UdpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var v2ray = await V2RayProcess.StartAsync(V2RayConfigs.VMessServer(vmessPort, UserId), [vmessPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(OurConfigs.SocksToVMess(socksPort, vmessPort, UserId, security), [socksPort], cancellationToken: timeout.Token);

        await EchoDatagramsAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("chacha20-poly1305")]
    [InlineData("none")]
    public async Task V2RayClient_OurServer_EchoesDatagrams(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new UdpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var ours = await HostProcess.StartAsync(OurConfigs.VMessServer(vmessPort, UserId), [vmessPort], cancellationToken: timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(V2RayConfigs.SocksToVMess(socksPort, vmessPort, UserId, security), [socksPort], timeout.Token);

        await EchoDatagramsAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    private static async Task EchoDatagramsAsync(ushort socksPort, ushort echoPort, Func<string> describe, CancellationToken cancellationToken)
    {
        await using var association = await Socks5UdpAssociation.OpenAsync(new IPEndPoint(IPAddress.Loopback, socksPort), cancellationToken: cancellationToken);
        foreach (var size in Sizes)
        {
            var payload = RandomNumberGenerator.GetBytes(size);
            await association.SendAsync(payload, "127.0.0.1", echoPort, cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(10));
            byte[] received;
            try
            {
                (received, _, _) = await association.ReceiveAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"no echo for a {size}-byte datagram{describe()}");
            }

            Assert.Equal(Convert.ToHexString(payload), Convert.ToHexString(received));
        }
    }
}
