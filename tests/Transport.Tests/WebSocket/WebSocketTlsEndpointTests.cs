using VMessPlugins.Abstractions.Net;
using VMessPlugins.Tests.Transport.Tests.Support;
using VMessPlugins.Tests.Transport.Tests.Tls;

namespace VMessPlugins.Tests.Transport.Tests.WebSocket;

public sealed class WebSocketTlsEndpointTests : IDisposable
{
    private readonly TestCertificate _certificate = TestCertificate.Create();
    private readonly TransportHarness _harness = new(handshakeTimeout: TimeSpan.FromSeconds(5));
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Accept_PlainHttpOnTlsPort_DropsThatClientLogsOnceAndServesTheNext()
    {
        await using var echo = new EchoAcceptor(_harness.Listen(TlsConfigs.ServerFromFiles(_certificate, network: "ws")));
        await using (var scanner = await RawHttp.ConnectAsync(echo.Port, _cts.Token))
        {
            await scanner.SendAsync(RawHttp.Upgrade("/"), _cts.Token);
            Assert.True(await scanner.IsClosedByPeerAsync(_cts.Token));
        }

        var dialer = _harness.Dialer(TlsConfigs.ClientTrusting(_certificate, network: "ws"));
        await using var connection = await dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), echo.Port), _cts.Token);
        await connection.Stream.WriteAsync("hello"u8.ToArray(), _cts.Token);
        var buffer = new byte[5];
        await connection.Stream.ReadExactlyAsync(buffer, _cts.Token);

        Assert.Equal("hello"u8.ToArray(), buffer);
        Assert.Single(_harness.Logs.Lines, l => l.Contains("WebSocket handshake", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accept_ClientThatSendsNothing_IsDroppedAfterTheHandshakeTimeout()
    {
        using var harness = new TransportHarness(handshakeTimeout: TimeSpan.FromMilliseconds(300));
        await using var echo = new EchoAcceptor(harness.Listen("""{"network": "ws"}"""));
        await using var idle = await RawHttp.ConnectAsync(echo.Port, _cts.Token);

        Assert.True(await idle.IsClosedByPeerAsync(_cts.Token));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("no complete handshake", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _cts.Dispose();
        _harness.Dispose();
        _certificate.Dispose();
    }
}
