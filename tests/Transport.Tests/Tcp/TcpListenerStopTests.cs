using System.Net;
using System.Net.Sockets;
using System.Text;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Transport.Tests.Support;
using VMessPlugins.Tests.Transport.Tests.Tls;

namespace VMessPlugins.Tests.Transport.Tests.Tcp;

/// <summary>
/// StopAcceptingAsync on the TCP (and WebSocket) listeners: the port is free at once, and connections that had arrived but
/// that nobody had accepted yet are handed out instead of being reset (what a reload replacing an inbound
/// on the same port relies on).
/// </summary>
public sealed class TcpListenerStopTests : IDisposable
{
    private readonly TransportHarness _harness = new();
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task StopAccepting_FreesThePort_AndHandsOutTheConnectionsAlreadyQueued()
    {
        await using var listener = _harness.Listen("""{ "network": "tcp" }""");
        var port = ((IPEndPoint)listener.LocalEndPoint).Port;
        var clients = new List<Socket>();
        for (var i = 0; i < 3; i++)
        {
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), _cts.Token);
            await client.SendAsync(Encoding.ASCII.GetBytes($"client {i}"), SocketFlags.None, _cts.Token);
            clients.Add(client);
        }

        await listener.StopAcceptingAsync();
        using (var successor = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            successor.Bind(new IPEndPoint(IPAddress.Loopback, port));
            successor.Listen();
        }

        var greetings = new List<string>();
        for (var i = 0; i < clients.Count; i++)
        {
            await using var accepted = await listener.AcceptAsync(_cts.Token);
            greetings.Add(await ReadAsync(accepted, "client 0".Length));
        }

        Assert.Equal(["client 0", "client 1", "client 2"], greetings.Order());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.AcceptAsync(_cts.Token).AsTask());
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task StopAccepting_DuringTlsHandshakes_LetsThemFinish()
    {
        var certificate = TestCertificate.Create();
        await using var listener = _harness.Listen(TlsConfigs.ServerFromFiles(certificate));
        var port = ((IPEndPoint)listener.LocalEndPoint).Port;
        var clientLayer = _harness.Tls.Create(StreamConfig.Parse(TlsConfigs.ClientTrusting(certificate)).Reader, isServer: false)!;
        // TCP connected first (so they are the listener's before it stops), TLS handshakes started after.
        var dialing = new List<Task<IConnection>>();
        for (var i = 0; i < 2; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), _cts.Token);
            var raw = new SocketConnection(socket);
            dialing.Add(clientLayer.WrapClientAsync(raw, Destination.Tcp(Address.Parse("localhost"), (ushort)port), _cts.Token).AsTask());
        }

        await listener.StopAcceptingAsync();
        var served = Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var accepted = await listener.AcceptAsync(_cts.Token);
            var text = await ReadAsync(accepted, 4);
            await accepted.Stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToUpperInvariant()), _cts.Token);
            await accepted.CompleteWritesAsync(_cts.Token);
        }).ToList();
        foreach (var client in await Task.WhenAll(dialing))
        {
            await using (client)
            {
                await client.Stream.WriteAsync("ping"u8.ToArray(), _cts.Token);
                Assert.Equal("PING", await ReadAsync(client, 4));
            }
        }

        await Task.WhenAll(served);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.AcceptAsync(_cts.Token).AsTask());
    }

    [Fact]
    public async Task StopAccepting_WebSocket_FinishesUpgradesOfConnectionsThatHadArrived()
    {
        await using var listener = _harness.Listen("""{ "network": "ws", "wsSettings": { "path": "/ray" } }""");
        var port = (ushort)((IPEndPoint)listener.LocalEndPoint).Port;
        await using var first = await RawHttp.ConnectAsync(port, _cts.Token);
        await using var second = await RawHttp.ConnectAsync(port, _cts.Token);

        await listener.StopAcceptingAsync();
        await first.SendAsync(RawHttp.Upgrade("/ray"), _cts.Token);
        await second.SendAsync(RawHttp.Upgrade("/ray"), _cts.Token);

        Assert.StartsWith("HTTP/1.1 101 ", await first.ReadResponseAsync(_cts.Token), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 101 ", await second.ReadResponseAsync(_cts.Token), StringComparison.Ordinal);
        await using (await listener.AcceptAsync(_cts.Token))
        await using (await listener.AcceptAsync(_cts.Token))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener.AcceptAsync(_cts.Token).AsTask());
        }
    }

    public void Dispose()
    {
        _cts.Dispose();
        _harness.Dispose();
    }

    private async Task<string> ReadAsync(IConnection connection, int count)
    {
        var buffer = new byte[count];
        await connection.Stream.ReadExactlyAsync(buffer, _cts.Token);
        return Encoding.ASCII.GetString(buffer);
    }
}
