using System.Diagnostics;
using System.Reflection;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Plugins.Transport.WebSocket;
using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.WebSocket;

[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;

/// <summary>Steady-state messages must not allocate (pooled buffers, pooled async builders); runs alone so the count is ours.</summary>
[Collection(nameof(AllocationCollection))]
public sealed class WebSocketAllocationTests
{
    private const int MessageSize = 2048;
    private const int Warmup = 2_000;
    private const int Measured = 20_000;

    [Fact]
    public async Task EchoRoundTrips_SteadyState_AllocateAlmostNothingPerMessage()
    {
        using var harness = new TransportHarness();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new EchoAcceptor(harness.Listen("""{"network": "ws"}"""));
        await using var connection = await harness.Dialer("""{"network": "ws"}""")
            .DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), echo.Port), cts.Token);
        var outgoing = new byte[MessageSize];
        var incoming = new byte[MessageSize];

        await RoundTripsAsync(connection.Stream, outgoing, incoming, Warmup, cts.Token);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await RoundTripsAsync(connection.Stream, outgoing, incoming, Measured, cts.Token);
        var perMessage = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Measured;

        // Both ends are in this process: two sends and two receives per round trip. A Debug build makes every
        // async state machine a class (about 120 bytes a call), so only an optimized build can show zero.
        var optimized = typeof(WebSocketPlugin).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        var limit = optimized ? 64 : 1024;
        Assert.True(perMessage < limit, $"{perMessage:0.0} bytes allocated per round trip (limit {limit}, optimized: {optimized})");
    }

    private static async Task RoundTripsAsync(Stream stream, byte[] outgoing, byte[] incoming, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await stream.WriteAsync(outgoing, cancellationToken);
            for (var received = 0; received < MessageSize;)
            {
                var read = await stream.ReadAsync(incoming.AsMemory(received), cancellationToken);
                Assert.True(read > 0);
                received += read;
            }
        }
    }
}
