using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.VMess.Mux.Tests.Support;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Engine;

/// <summary>The server's idle limits: the carrier's (connIdle) and a UDP sub-connection's.</summary>
public sealed class ServerTimeoutTests
{
    [Fact]
    public async Task RunAsync_NoFrameWithinConnectionIdle_EndsTheCarrierNormally()
    {
        var (client, carrier) = DuplexPipeConnection.CreatePair();
        var options = new MuxSessionOptions { ConnectionIdle = TimeSpan.FromMilliseconds(300) };
        var server = new MuxServerSession(carrier, new EchoDispatcher(), new SessionContext { InboundTag = "mux" }, options, NullLogger.Instance);

        await server.RunAsync(CancellationToken.None).AsTask().WaitAsync(StreamExtensions.Patience);

        Assert.Empty(await client.Stream.ReadToEndAsync("the idle carrier"));
    }

    [Fact]
    public async Task RunAsync_UdpSubConnectionIdle_EndsOnlyThatSubConnection()
    {
        var (client, carrier) = DuplexPipeConnection.CreatePair();
        var options = new MuxSessionOptions { DatagramIdle = TimeSpan.FromMilliseconds(300) };
        var server = new MuxServerSession(carrier, new EchoDispatcher(), new SessionContext { InboundTag = "mux" }, options, NullLogger.Instance);
        var running = server.RunAsync(CancellationToken.None).AsTask();

        // New(3, udp:127.0.0.1:53) with "dgram-1": echoed as Keep(3), then End(3) once the datagram flow is idle.
        await client.Stream.WriteAsync(Convert.FromHexString("000c00030101020035017f0000010007646772616d2d31"));
        Assert.Equal("0004000302010007646772616d2d31", Convert.ToHexStringLower(await client.Stream.ReadBytesAsync(15, "Keep(3)")));
        Assert.Equal("000400030300", Convert.ToHexStringLower(await client.Stream.ReadBytesAsync(6, "End(3) after the idle time")));
        Assert.False(running.IsCompleted);

        await client.CompleteWritesAsync(CancellationToken.None);
        await running.WaitAsync(StreamExtensions.Patience);
    }
}
