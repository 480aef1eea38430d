using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.VMess.Mux.Tests.Support;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Engine;

/// <summary>
/// mux.json "client_worker_scenario" against our client, the server side driven by hand. Two deliberate
/// differences from 4.34: after the application's End we still deliver the server's data for that id (4.34
/// answers it with End; we keep the half-close the 4.34 server itself honours), and closing a UDP association
/// sends a plain End rather than End + Error.
/// </summary>
public sealed class ClientScenarioTests
{
    [Fact]
    public async Task MuxClient_V2RayClientScenario_WritesTheSameFrames()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var steps = MuxVectors.Document.GetProperty("client_worker_scenario").GetProperty("steps").EnumerateArray().ToArray();
        var carriers = new List<DuplexPipeConnection>();
        await using var client = new MuxClient(
            _ =>
            {
                var (near, far) = DuplexPipeConnection.CreatePair();
                carriers.Add(far);
                return ValueTask.FromResult<IConnection>(near);
            },
            concurrency: 8,
            MuxSessionOptions.Default,
            NullLogger.Instance);

        // 1: the application's first bytes ride in New.
        var app1 = await client.ConnectAsync(Destination.Tcp(Address.FromDomain("www.example.com"), 443), timeout.Token);
        await app1.Stream.WriteAsync("hello"u8.ToArray(), timeout.Token);
        var server = carriers.Single().Stream;
        await ExpectAsync(server, steps[0]);

        // 2: nothing written: New without data after the 100 ms wait.
        var app2 = await client.ConnectAsync(Destination.Tcp(Address.FromDomain("example.org"), 80), timeout.Token);
        await ExpectAsync(server, steps[1]);

        // 3: a UDP sub-connection opens with its first datagram.
        var packets = client.OpenPacket();
        await packets.SendAsync("dgram"u8.ToArray(), Destination.Udp(Address.Parse("8.8.8.8"), 53), timeout.Token);
        await ExpectAsync(server, steps[2]);

        // 4, 5: Keep(1) reaches application 1; End(2) is application 2's end of stream.
        await server.WriteAsync(Convert.FromHexString("0004000102010005776f726c64"), timeout.Token);
        Assert.Equal("world", Encoding.ASCII.GetString(await app1.Stream.ReadBytesAsync(5, "Keep(1)")));
        await server.WriteAsync(Convert.FromHexString("000400020300"), timeout.Token);
        Assert.Equal(0, await app2.Stream.ReadAsync(new byte[1], timeout.Token));

        // 6: application 1's EOF is End(1).
        await app1.CompleteWritesAsync(timeout.Token);
        await ExpectAsync(server, steps[5]);

        // 7 (differs on purpose): a late Keep(1) still reaches application 1, until the server's End.
        await server.WriteAsync(Convert.FromHexString("00040001020100046c617465"), timeout.Token);
        Assert.Equal("late", Encoding.ASCII.GetString(await app1.Stream.ReadBytesAsync(4, "late Keep(1)")));
        await server.WriteAsync(Convert.FromHexString("000400010300"), timeout.Token);
        Assert.Equal(0, await app1.Stream.ReadAsync(new byte[1], timeout.Token));

        // 8 (differs on purpose): closing the association ends session 3 with a plain End.
        await packets.DisposeAsync();
        Assert.Equal("000400030300", Convert.ToHexStringLower(await server.ReadBytesAsync(6, "End(3)")));
        await app2.CompleteWritesAsync(timeout.Token);
        Assert.Equal("000400020300", Convert.ToHexStringLower(await server.ReadBytesAsync(6, "End(2)")));

        // 9: eight more sub-connections fit (ids 4 to 11); the ninth goes to a new carrier.
        var apps = new List<IConnection>();
        for (var i = 0; i < 9; i++)
        {
            var app = await client.ConnectAsync(Destination.Tcp(Address.FromDomain($"h{i}.example"), 80), timeout.Token);
            await app.Stream.WriteAsync(Encoding.ASCII.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), timeout.Token);
            apps.Add(app);
        }

        await ExpectAsync(server, steps[8]);
        Assert.Equal(2, carriers.Count);
        Assert.Equal("001300010101010050020a68382e6578616d706c65000138", Convert.ToHexStringLower(await carriers[1].Stream.ReadBytesAsync(24, "New(1) on the second carrier")));

        // 10: an unknown status closes the worker: its applications fail and its carrier ends.
        await server.WriteAsync(Convert.FromHexString("000400010600"), timeout.Token);
        Assert.Empty(await server.ReadToEndAsync("the first carrier after status 6"));
        foreach (var app in apps.Take(8))
        {
            await Assert.ThrowsAsync<IOException>(async () => await app.Stream.ReadExactlyAsync(new byte[1], timeout.Token));
        }

        Assert.Equal(1, client.CarrierCount);
    }

    private static async Task ExpectAsync(Stream server, System.Text.Json.JsonElement step)
    {
        var expected = step.GetProperty("client_to_server").GetProperty("wire").GetProperty("hex").GetString()!;
        var actual = await server.ReadBytesAsync(expected.Length / 2, step.GetProperty("step").GetString()!);
        Assert.Equal(expected, Convert.ToHexStringLower(actual));
    }
}
