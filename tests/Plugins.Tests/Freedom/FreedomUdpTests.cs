using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Plugins.Freedom;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Plugins.Tests.Freedom;

public sealed class FreedomUdpTests
{
    private static readonly SessionContext Session = new() { InboundTag = "in" };

    private static FreedomOutbound Outbound(FreedomSettings? settings = null) =>
        new("out", settings ?? new FreedomSettings(), new LoopbackDialer(), new SystemResolver(), NullLogger<FreedomOutbound>.Instance);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task OpenPacketAsync_EchoServer_AnswersWithSource(string host)
    {
        await using var echo = new UdpEchoServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var destination = Destination.Udp(Address.Parse(host), echo.Port);
        await using var packets = await Outbound().OpenPacketAsync(destination, Session, timeout.Token);
        var buffer = new byte[2048];

        foreach (var size in new[] { 50, 512, 1400 })
        {
            var payload = new byte[size];
            new Random(size).NextBytes(payload);
            await packets.SendAsync(payload, destination, timeout.Token);
            var received = await packets.ReceiveAsync(buffer, timeout.Token);

            Assert.Equal(payload, buffer[..received.Length]);
            Assert.Equal(Destination.Udp(Address.FromIp(IPAddress.Loopback), echo.Port), received.Source);
        }
    }

    [Fact]
    public async Task OpenPacketAsync_Redirect_SendsToRedirectTarget()
    {
        await using var echo = new UdpEchoServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var outbound = Outbound(new FreedomSettings { RedirectAddress = Address.FromIp(IPAddress.Loopback), RedirectPort = echo.Port });
        await using var packets = await outbound.OpenPacketAsync(Destination.Udp(Address.FromDomain("example.invalid"), 53), Session, timeout.Token);

        await packets.SendAsync(new byte[] { 42 }, Destination.Udp(Address.FromDomain("example.invalid"), 53), timeout.Token);
        var received = await packets.ReceiveAsync(new byte[16], timeout.Token);

        Assert.Equal(1, received.Length);
        Assert.Equal(1, echo.ReceivedCount);
    }

    [Fact]
    public async Task ReceiveAsync_AfterDispose_Completed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var packets = await Outbound().OpenPacketAsync(Destination.Udp(Address.FromIp(IPAddress.Loopback), 9), Session, timeout.Token);
        var receiving = packets.ReceiveAsync(new byte[16], timeout.Token);

        await packets.DisposeAsync();
        var result = await receiving;

        Assert.True(result.IsCompleted);
    }
}
