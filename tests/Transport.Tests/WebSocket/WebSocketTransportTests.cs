using System.Net;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Transport.Tests.Support;
using VMessPlugins.Tests.Transport.Tests.Tls;

namespace VMessPlugins.Tests.Transport.Tests.WebSocket;

public sealed class WebSocketTransportTests : IDisposable
{
    private const long EightMiB = 8L * 1024 * 1024;
    private readonly TestCertificate _certificate = TestCertificate.Create();
    private readonly TransportHarness _harness = new();
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Dial_PlainWebSocket_Echoes8MiBIntact()
    {
        await using var echo = new EchoAcceptor(_harness.Listen("""{"network": "ws", "wsSettings": {"path": "/ray"}}"""));
        var dialer = _harness.Dialer("""{"network": "websocket", "wsSettings": {"path": "ray"}}""");

        await using var connection = await dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), echo.Port), _cts.Token);
        var result = await DataPump.PumpAsync(connection.Stream, EightMiB, seed: 1, () => connection.CompleteWritesAsync(_cts.Token), _cts.Token);

        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(1, echo.Accepted);
    }

    [Fact]
    public async Task Dial_WebSocketOverTls_Echoes8MiBIntact()
    {
        await using var echo = new EchoAcceptor(_harness.Listen(TlsConfigs.ServerFromFiles(_certificate, network: "ws")));
        var dialer = _harness.Dialer(TlsConfigs.ClientTrusting(_certificate, network: "ws"));

        await using var connection = await dialer.DialAsync(Destination.Tcp(Address.Parse("localhost"), echo.Port), _cts.Token);
        var result = await DataPump.PumpAsync(connection.Stream, EightMiB, seed: 2, () => connection.CompleteWritesAsync(_cts.Token), _cts.Token);

        Assert.True(result.IsIntact, result.ToString());
    }

    [Fact]
    public async Task Dial_PathWithQueryAndHostHeader_ServerMatchesDecodedPathAndClientSendsAsGiven()
    {
        await using var echo = new EchoAcceptor(_harness.Listen("""{"network": "ws", "wsSettings": {"path": "/r a"}}"""));
        var dialer = _harness.Dialer("""{"network": "ws", "wsSettings": {"path": "/r%20a?ed=2048", "headers": {"Host": "cdn.example.com"}}}""");

        await using var connection = await dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), echo.Port), _cts.Token);
        var result = await DataPump.PumpAsync(connection.Stream, 4096, seed: 3, () => connection.CompleteWritesAsync(_cts.Token), _cts.Token);

        Assert.True(result.IsIntact, result.ToString());
    }

    [Fact]
    public async Task Accept_XForwardedFor_BecomesTheRemoteEndPoint()
    {
        await using var echo = new EchoAcceptor(_harness.Listen("""{"network": "ws", "wsSettings": {"path": "/ray"}}"""));
        await using var client = await RawHttp.ConnectAsync(echo.Port, _cts.Token);

        await client.SendAsync(RawHttp.Upgrade("/ray", extra: "X-Forwarded-For: 203.0.113.7, 10.0.0.1\r\n"), _cts.Token);
        var response = await client.ReadResponseAsync(_cts.Token);
        await WaitUntilAsync(() => echo.Accepted == 1);

        Assert.StartsWith("HTTP/1.1 101 ", response, StringComparison.Ordinal);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), ((IPEndPoint)echo.LastRemote!).Address);
    }

    [Fact]
    public async Task Dial_ServerBehindOtherPath_FailsWithProxyException()
    {
        await using var echo = new EchoAcceptor(_harness.Listen("""{"network": "ws", "wsSettings": {"path": "/ray"}}"""));
        var dialer = _harness.Dialer("""{"network": "ws", "wsSettings": {"path": "/other"}}""");

        var error = await Assert.ThrowsAsync<VMessPlugins.Abstractions.Proxy.ProxyException>(
            () => dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), echo.Port), _cts.Token).AsTask());
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cts.Dispose();
        _harness.Dispose();
        _certificate.Dispose();
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10, _cts.Token);
        }
    }
}
