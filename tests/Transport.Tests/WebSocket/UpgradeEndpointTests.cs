using VMessPlugins.Tests.Transport.Tests.Support;
using VMessPlugins.Tests.Transport.Tests.Tls;

namespace VMessPlugins.Tests.Transport.Tests.WebSocket;

/// <summary>What the WebSocket server answers to wrong or hostile requests (TRANSPORTS.md 3.3).</summary>
public sealed class UpgradeEndpointTests : IAsyncLifetime
{
    private readonly TransportHarness _harness = new(handshakeTimeout: TimeSpan.FromSeconds(5));
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));
    private EchoAcceptor _echo = null!;

    public Task InitializeAsync()
    {
        _echo = new EchoAcceptor(_harness.Listen("""{"network": "ws", "wsSettings": {"path": "/ray"}}"""));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Upgrade_WrongPathThenRightPath_Answers404ThenUpgradesOnTheSameConnection()
    {
        await using var client = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);

        await client.SendAsync(RawHttp.Upgrade("/RAY"), _cts.Token);
        var notFound = await client.ReadResponseAsync(_cts.Token);
        await client.SendAsync(RawHttp.Upgrade("/ray"), _cts.Token);
        var switching = await client.ReadResponseAsync(_cts.Token);

        Assert.StartsWith("HTTP/1.1 404 Not Found\r\n", notFound, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 0\r\n", notFound, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", switching, StringComparison.Ordinal);
        Assert.Contains($"Sec-WebSocket-Accept: {RawHttp.ExpectedAccept}\r\n", switching, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ray?ed=2048")]
    [InlineData("/r%61y")]
    public async Task Upgrade_QueryOrEscapedPath_IsAccepted(string target)
    {
        await using var client = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);

        await client.SendAsync(RawHttp.Upgrade(target), _cts.Token);

        Assert.StartsWith("HTTP/1.1 101 ", await client.ReadResponseAsync(_cts.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_FirstFrameInTheSameWrite_IsKeptAndEchoed()
    {
        await using var client = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);

        await client.SendAsync([.. System.Text.Encoding.ASCII.GetBytes(RawHttp.Upgrade("/ray")), .. RawHttp.MaskedBinaryFrame("hello"u8)], _cts.Token);
        var response = await client.ReadResponseAsync(_cts.Token);
        var echoed = await client.ReadBytesAsync(7, _cts.Token);

        Assert.StartsWith("HTTP/1.1 101 ", response, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x82, 0x05, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o' }, echoed);
    }

    [Fact]
    public async Task Upgrade_PlainHttpGet_Answers400AndCloses()
    {
        await using var client = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);

        await client.SendAsync("GET /ray HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", _cts.Token);
        var response = await client.ReadResponseAsync(_cts.Token);

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", response, StringComparison.Ordinal);
        Assert.Contains("Sec-Websocket-Version: 13\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("Bad Request\n", response, StringComparison.Ordinal);
        Assert.True(await client.IsClosedByPeerAsync(_cts.Token));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Upgrade_Post_Answers405()
    {
        await using var client = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);

        await client.SendAsync(RawHttp.Upgrade("/ray", method: "POST"), _cts.Token);

        Assert.StartsWith("HTTP/1.1 405 Method Not Allowed\r\n", await client.ReadResponseAsync(_cts.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_Version8_Answers400WithVersion13()
    {
        await using var client = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);

        await client.SendAsync(RawHttp.Upgrade("/ray", version: "8"), _cts.Token);
        var response = await client.ReadResponseAsync(_cts.Token);

        Assert.StartsWith("HTTP/1.1 400 ", response, StringComparison.Ordinal);
        Assert.Contains("Sec-Websocket-Version: 13\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_HugeHeaders_Answers431()
    {
        await using var client = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);

        await client.SendAsync(RawHttp.Upgrade("/ray", extra: $"X-Padding: {new string('a', 9000)}\r\n"), _cts.Token);

        Assert.StartsWith("HTTP/1.1 431 ", await client.ReadResponseAsync(_cts.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_BinaryGarbage_Answers400LogsOneLineAndKeepsServing()
    {
        await using var client = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);

        await client.SendAsync("\u0016\u0003\u0001\u0002\u0000garbage\r\n\r\n", _cts.Token);
        var response = await client.ReadResponseAsync(_cts.Token);

        Assert.StartsWith("HTTP/1.1 400 ", response, StringComparison.Ordinal);
        Assert.True(await client.IsClosedByPeerAsync(_cts.Token));
        Assert.Single(_harness.Logs.Lines, l => l.Contains("refused", StringComparison.Ordinal));
        await AssertStillServesAsync();
    }

    public async Task DisposeAsync()
    {
        await _echo.DisposeAsync();
        _cts.Dispose();
        _harness.Dispose();
    }

    private async Task AssertStillServesAsync()
    {
        await using var next = await RawHttp.ConnectAsync(_echo.Port, _cts.Token);
        await next.SendAsync(RawHttp.Upgrade("/ray"), _cts.Token);
        Assert.StartsWith("HTTP/1.1 101 ", await next.ReadResponseAsync(_cts.Token), StringComparison.Ordinal);
    }
}
