using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.VMess.Mux.Tests.Support;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Engine;

/// <summary>
/// mux.json "server_worker_scenarios", replayed against our server with the same in-memory echo upstreams:
/// for every step the bytes out must be v2ray's, and the connection must close when v2ray's worker did.
/// </summary>
public sealed class ServerScenarioTests
{
    public static TheoryData<string> Scenarios => MuxVectors.Names("server_worker_scenarios");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RunAsync_V2RayWorkerScenario_AnswersByteForByte(string name)
    {
        var scenario = MuxVectors.Named("server_worker_scenarios", name);
        var (client, carrier) = DuplexPipeConnection.CreatePair();
        var dispatcher = new EchoDispatcher();
        var server = new MuxServerSession(carrier, dispatcher, new SessionContext { InboundTag = "mux" }, MuxSessionOptions.Default, NullLogger.Instance);
        var running = server.RunAsync(CancellationToken.None).AsTask();
        var closed = false;
        foreach (var step in scenario.GetProperty("steps").EnumerateArray())
        {
            var what = $"{name}: {step.GetProperty("step").GetString()}";
            if (step.TryGetProperty("write_to_worker_error", out _))
            {
                // v2ray's worker no longer reads; ours has already ended the whole connection.
                Assert.True(closed, what);
                continue;
            }

            await client.Stream.WriteAsync(MuxVectors.Hex(step.GetProperty("client_to_server").GetProperty("wire").GetProperty("hex").GetString()));
            var expected = step.GetProperty("server_to_client").GetProperty("wire").GetProperty("hex").GetString()!;
            if (expected.Length > 0)
            {
                var answer = await client.Stream.ReadBytesAsync(expected.Length / 2, what);
                Assert.Equal(expected, Convert.ToHexStringLower(answer));
            }

            if (step.GetProperty("worker_Closed").GetBoolean())
            {
                closed = true;
                await Assert.ThrowsAnyAsync<ProxyException>(() => running.WaitAsync(StreamExtensions.Patience));
                Assert.Empty(await client.Stream.ReadToEndAsync(what + " (nothing after the close)"));
            }
        }

        if (!closed)
        {
            await client.CompleteWritesAsync(CancellationToken.None);
            await running.WaitAsync(StreamExtensions.Patience);
            // Sub-connections still open when the client ends may only say End.
            var tail = await client.Stream.ReadToEndAsync(name + " tail");
            using var reader = new MuxFrameReader(new MemoryStream(tail));
            while (await reader.ReadAsync(CancellationToken.None) is { } frame)
            {
                Assert.Equal((byte)MuxStatus.End, frame.Metadata.Status);
            }
        }
    }
}
