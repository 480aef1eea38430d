using System.Diagnostics;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.VMess.Mux.Tests.Support;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Engine;

/// <summary>A sub-connection whose upstream never reads must not hold up the others beyond its own buffer.</summary>
public sealed class SlowSubConnectionTests
{
    [Fact]
    public async Task RunAsync_UpstreamNeverReads_OnlyThatSubConnectionIsEndedWithError()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stuckEnds = new List<DuplexPipeConnection>();
        var dispatcher = new EchoDispatcher
        {
            StreamUpstream = destination =>
            {
                if (destination.Address.Domain != "stuck.example")
                {
                    return null;
                }

                // Its far end is never read, so the relay's writes block once the pipe is full.
                var (near, far) = DuplexPipeConnection.CreatePair();
                stuckEnds.Add(far);
                return near;
            },
        };
        var options = new MuxSessionOptions { SubConnectionBuffer = 64 * 1024, StalledWriteTimeout = TimeSpan.FromMilliseconds(300) };
        await using var loop = new MuxLoop(concurrency: 8, dispatcher, options);

        await using var stuck = await loop.Client.ConnectAsync(Destination.Tcp(Address.FromDomain("stuck.example"), 80), timeout.Token);
        var flooding = FloodAsync(stuck, 4 * 1024 * 1024, timeout.Token);
        var stuckRead = stuck.Stream.ReadAsync(new byte[16], timeout.Token).AsTask();

        var clock = Stopwatch.StartNew();
        await using var healthy = await loop.Client.ConnectAsync(Destination.Tcp(Address.FromDomain("fine.example"), 80), timeout.Token);
        var (sent, received) = await EchoCheck.RunAsync(healthy, 256 * 1024, seed: 9, timeout.Token);

        Assert.Equal(sent, received);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the healthy stream took {clock.Elapsed}");
        await Assert.ThrowsAsync<IOException>(() => stuckRead);
        await Assert.ThrowsAsync<IOException>(() => flooding);
        Assert.All(loop.ServerRuns, run => Assert.False(run.IsCompleted));
        foreach (var end in stuckEnds)
        {
            await end.DisposeAsync();
        }
    }

    private static async Task FloodAsync(IConnection connection, int byteCount, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var chunk = new byte[32 * 1024];
        for (var sent = 0; sent < byteCount; sent += chunk.Length)
        {
            await connection.Stream.WriteAsync(chunk, cancellationToken);
        }
    }
}
