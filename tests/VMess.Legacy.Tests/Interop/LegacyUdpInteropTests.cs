using System.Net;
using System.Security.Cryptography;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Interop;

/// <summary>UDP (command 2) over legacy headers with v2ray 4.34: SOCKS5 UDP ASSOCIATE in, UDP echo out.</summary>
public sealed class LegacyUdpInteropTests
{
    private static readonly int[] Sizes = [1, 13, 100, 1000, 1400];

    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("aes-128-cfb")]
    public async Task OurClient_V2RayServer_EchoesDatagrams(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new UdpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var v2ray = await V2RayProcess.StartAsync(LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId), [vmessPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(LegacyConfigs.SocksToVMess(socksPort, vmessPort, LegacyKit.UserId, security, udp: true), [socksPort], cancellationToken: timeout.Token);

        await EchoDatagramsAsync(socksPort, echo.Port, () => ours.Describe() + v2ray.Describe(), timeout.Token);
    }

    [Fact]
    public async Task V2RayClient_OurServer_EchoesDatagrams()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new UdpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.TcpAndUdp();
        await using var ours = await HostProcess.StartAsync(LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId), [vmessPort], cancellationToken: timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(LegacyConfigs.SocksToVMess(socksPort, vmessPort, LegacyKit.UserId, "aes-128-gcm", udp: true), [socksPort], timeout.Token);

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
