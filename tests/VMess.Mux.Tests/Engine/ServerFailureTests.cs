using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.VMess.Mux.Tests.Support;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Engine;

/// <summary>A sub-connection whose dispatch fails ends alone, with End + Error.</summary>
public sealed class ServerFailureTests
{
    [Fact]
    public async Task RunAsync_UpstreamRefused_EndsThatIdWithErrorAndServesTheNext()
    {
        var (client, carrier) = DuplexPipeConnection.CreatePair();
        var dispatcher = new EchoDispatcher
        {
            StreamUpstream = d => d.Address.Domain == "refused.example" ? throw new ProxyException("connection refused") : null,
        };
        var server = new MuxServerSession(carrier, dispatcher, new SessionContext { InboundTag = "mux" }, MuxSessionOptions.Default, NullLogger.Instance);
        var running = server.RunAsync(CancellationToken.None).AsTask();
        using var frames = new MemoryStream();
        using (var writer = new MuxFrameWriter(frames))
        {
            await writer.WriteStreamAsync(1, MuxStatus.New, VMessPlugins.Abstractions.Net.Destination.Tcp(VMessPlugins.Abstractions.Net.Address.FromDomain("refused.example"), 80), "x"u8.ToArray(), CancellationToken.None);
        }

        await client.Stream.WriteAsync(frames.ToArray());
        Assert.Equal("000400010302", Convert.ToHexStringLower(await client.Stream.ReadBytesAsync(6, "End + Error for the refused id")));

        // New(2, tcp:127.0.0.1:7) with "ok" still works on the same connection.
        await client.Stream.WriteAsync(Convert.FromHexString("000c00020101010007017f00000100026f6b"));
        Assert.Equal("000400020201" + "00026f6b", Convert.ToHexStringLower(await client.Stream.ReadBytesAsync(10, "Keep(2, ok)")));
        Assert.False(running.IsCompleted);

        await client.CompleteWritesAsync(CancellationToken.None);
        await running.WaitAsync(StreamExtensions.Patience);
    }
}
