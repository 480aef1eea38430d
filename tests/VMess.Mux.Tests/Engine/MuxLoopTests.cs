using VMessPlugins.Abstractions.Net;
using VMessPlugins.Tests.VMess.Mux.Tests.Support;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Engine;

/// <summary>Our client against our server in memory: many streams, carriers by concurrency, UDP, idle close.</summary>
public sealed class MuxLoopTests
{
    [Fact]
    public async Task ConnectAsync_TwentyConcurrentStreams_AllEchoIntact()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var loop = new MuxLoop(concurrency: 8);
        // All twenty are open at once: 8 + 8 + 4 sub-connections on three carriers.
        var connections = new List<VMessPlugins.Abstractions.Connections.IConnection>();
        for (var i = 0; i < 20; i++)
        {
            connections.Add(await loop.Client.ConnectAsync(Destination.Tcp(Address.FromDomain($"h{i}.example"), 80), timeout.Token));
        }

        var runs = connections.Select(async (connection, i) =>
        {
            await using (connection)
            {
                return await EchoCheck.RunAsync(connection, 512 * 1024 + i, seed: i, timeout.Token);
            }
        }).ToArray();

        foreach (var (sent, received) in await Task.WhenAll(runs))
        {
            Assert.Equal(sent, received);
        }

        Assert.Equal(20, loop.Dispatcher.Destinations.Count);
        Assert.Equal(3, loop.CarriersOpened);
    }

    [Fact]
    public async Task ConnectAsync_ConcurrencyReached_OpensAnotherCarrierAndReusesFreedRoom()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var loop = new MuxLoop(concurrency: 2);
        var target = Destination.Tcp(Address.Parse("127.0.0.1"), 7);
        var first = await loop.Client.ConnectAsync(target, timeout.Token);
        var second = await loop.Client.ConnectAsync(target, timeout.Token);
        Assert.Equal(1, loop.CarriersOpened);

        await using var third = await loop.Client.ConnectAsync(target, timeout.Token);
        Assert.Equal(2, loop.CarriersOpened);

        var (sent, received) = await EchoCheck.RunAsync(first, 1000, seed: 1, timeout.Token);
        Assert.Equal(sent, received);
        await first.DisposeAsync();
        await using var fourth = await loop.Client.ConnectAsync(target, timeout.Token);
        Assert.Equal(2, loop.CarriersOpened);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task OpenPacket_DatagramsToTwoDestinations_EchoedFromEach()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var loop = new MuxLoop(concurrency: 8);
        await using var packets = loop.Client.OpenPacket();
        var dns = Destination.Udp(Address.Parse("127.0.0.1"), 53);
        var game = Destination.Udp(Address.Parse("127.0.0.2"), 9000);
        var buffer = new byte[4096];
        foreach (var (size, to) in new[] { (60, dns), (1400, game), (60, dns), (2048, game) })
        {
            var datagram = new byte[size];
            Random.Shared.NextBytes(datagram);
            await packets.SendAsync(datagram, to, timeout.Token);
            var received = await packets.ReceiveAsync(buffer, timeout.Token);
            Assert.Equal(to, received.Source);
            Assert.Equal(datagram, buffer.AsSpan(0, received.Length).ToArray());
        }

        Assert.Equal(2, loop.Dispatcher.Destinations.Count);
        Assert.All(loop.Dispatcher.Destinations, d => Assert.Equal(Network.Udp, d.Network));
    }

    [Fact]
    public async Task OpenPacket_DatagramOver2048_DroppedWithoutEndingTheCarrier()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var loop = new MuxLoop(concurrency: 8);
        await using var packets = loop.Client.OpenPacket();
        var to = Destination.Udp(Address.Parse("127.0.0.1"), 53);
        await packets.SendAsync(new byte[2049], to, timeout.Token);
        await packets.SendAsync(new byte[] { 1, 2, 3 }, to, timeout.Token);
        var buffer = new byte[4096];
        var received = await packets.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(3, received.Length);
        Assert.All(loop.ServerRuns, run => Assert.False(run.IsCompleted));
    }

    [Fact]
    public async Task Client_IdleCarrier_ClosesWithANormalEnd()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var loop = new MuxLoop(concurrency: 8, idleCheck: TimeSpan.FromMilliseconds(200));
        var connection = await loop.Client.ConnectAsync(Destination.Tcp(Address.Parse("127.0.0.1"), 7), timeout.Token);
        var (sent, received) = await EchoCheck.RunAsync(connection, 100, seed: 3, timeout.Token);
        Assert.Equal(sent, received);
        await connection.DisposeAsync();

        // The server session ends normally (no frame error) once the client closes the idle carrier.
        await loop.ServerRuns.Single().WaitAsync(timeout.Token);
        Assert.Equal(0, loop.Client.CarrierCount);
    }
}
