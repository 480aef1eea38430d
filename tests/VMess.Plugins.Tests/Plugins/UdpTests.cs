using System.Security.Cryptography;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Plugins;

public sealed class UdpTests
{
    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("chacha20-poly1305")]
    [InlineData("none")]
    public async Task OpenPacket_TwoDestinations_EachDatagramEchoedWholeFromItsDestination(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness();
        var outbound = harness.CreateOutbound(security);
        var first = Destination.Udp(Address.Parse("10.0.0.1"), 53);
        var second = Destination.Udp(Address.FromDomain("example.com"), 5353);

        await using var packets = await outbound.OpenPacketAsync(first, VMessHarness.ClientSession(), timeout.Token);
        var sizes = new[] { 1, 100, 1500, 20_000, 60_000 };
        var buffer = new byte[65535];
        foreach (var size in sizes)
        {
            foreach (var destination in new[] { first, second })
            {
                var datagram = RandomNumberGenerator.GetBytes(size);
                await packets.SendAsync(datagram, destination, timeout.Token);
                var received = await packets.ReceiveAsync(buffer, timeout.Token);

                Assert.Equal(destination, received.Source);
                Assert.Equal(datagram, buffer[..received.Length]);
            }
        }

        Assert.Equal(2, harness.Dispatcher.Destinations.Count);
        Assert.Contains(second, harness.Dispatcher.Destinations);
    }
}
