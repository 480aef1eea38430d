using System.Net;
using System.Net.Sockets;
using System.Text;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.WebSocket;

/// <summary>The client against a fake server that records the request and answers what the test wants.</summary>
public sealed class WebSocketClientHandshakeTests : IDisposable
{
    private readonly TransportHarness _harness = new();
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));
    private readonly Socket _server = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public WebSocketClientHandshakeTests()
    {
        _server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _server.Listen(4);
    }

    private ushort Port => (ushort)((IPEndPoint)_server.LocalEndPoint!).Port;

    [Fact]
    public async Task Dial_WrongAccept_IsRefused()
    {
        var dialer = _harness.Dialer("""{"network": "ws"}""");
        var answering = AnswerAsync(_ => "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n");

        var error = await Assert.ThrowsAsync<ProxyException>(() => dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), Port), _cts.Token).AsTask());

        Assert.Contains("Sec-WebSocket-Accept", error.Message, StringComparison.Ordinal);
        await answering;
    }

    [Fact]
    public async Task Dial_Headers_SendsPathAsGivenHostFromHeadersAndExtraHeaders()
    {
        var dialer = _harness.Dialer("""{"network": "ws", "wsSettings": {"path": "ray?ed=1", "headers": {"Host": "cdn.example.com", "X-Test": "abc"}}}""");
        var answering = AnswerAsync(_ => "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");

        await Assert.ThrowsAsync<ProxyException>(() => dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), Port), _cts.Token).AsTask());
        var request = await answering;

        Assert.StartsWith("GET /ray?ed=1 HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nHost: cdn.example.com\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Test: abc\r\n", request, StringComparison.Ordinal);
        Assert.Contains("\r\nSec-WebSocket-Version: 13\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dial_NoHostHeader_UsesAddressAndPort()
    {
        var dialer = _harness.Dialer("""{"network": "ws"}""");
        var answering = AnswerAsync(_ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

        await Assert.ThrowsAsync<ProxyException>(() => dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), Port), _cts.Token).AsTask());

        Assert.Contains($"\r\nHost: 127.0.0.1:{Port}\r\n", await answering, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateDialer_ReservedHeader_IsAConfigError()
    {
        var config = StreamConfig.Parse("""{"network": "ws", "wsSettings": {"headers": {"Upgrade": "x"}, "maxEarlyData": 2048}}""");
        var settings = _harness.Settings(config, isServer: false);

        Assert.Null(_harness.Transport("ws").CreateDialer(settings));
        Assert.Contains(config.Diagnostics.Items, d => d.JsonPath == "streamSettings.wsSettings.headers.Upgrade");
        Assert.Contains(config.Diagnostics.Items, d => d.JsonPath == "streamSettings.wsSettings.maxEarlyData");
    }

    public void Dispose()
    {
        _server.Dispose();
        _cts.Dispose();
        _harness.Dispose();
    }

    private async Task<string> AnswerAsync(Func<string, string> answer)
    {
        using var client = await _server.AcceptAsync(_cts.Token);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, _cts.Token);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await client.SendAsync(Encoding.ASCII.GetBytes(answer(received.ToString())), SocketFlags.None, _cts.Token);
        return received.ToString();
    }
}
