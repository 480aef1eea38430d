using System.Net.Sockets;
using System.Text;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.EndToEnd.Tests;

public sealed class TcpThroughProxyTests(ProxyHostFixture fixture) : IClassFixture<ProxyHostFixture>
{
    private const int SixteenMiB = 16 * 1024 * 1024;

    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Socks5Connect_16MiB_ComesBackIntact(string host)
    {
        using var timeout = Timeout();
        await using var stream = await Socks5Client.ConnectAsync(fixture.Socks, host, fixture.TcpEcho.Port, cancellationToken: timeout.Token);

        var result = await DataPump.PumpAsync(stream, SixteenMiB, seed: 1, timeout.Token);

        Assert.True(result.IsIntact, $"{result}{fixture.Host.Describe()}");
        Assert.Equal(SixteenMiB, result.ReceivedBytes);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task HttpConnect_16MiB_ComesBackIntact(string host)
    {
        using var timeout = Timeout();
        await using var stream = await HttpConnectClient.ConnectAsync(fixture.Http, host, fixture.TcpEcho.Port, cancellationToken: timeout.Token);

        var result = await DataPump.PumpAsync(stream, SixteenMiB, seed: 2, timeout.Token);

        Assert.True(result.IsIntact, $"{result}{fixture.Host.Describe()}");
    }

    [Fact]
    public async Task Socks5Connect_EightConcurrentClients_AllIntact()
    {
        using var timeout = Timeout();
        var pumps = Enumerable.Range(0, 8).Select(async i =>
        {
            await using var stream = await Socks5Client.ConnectAsync(fixture.Socks, "127.0.0.1", fixture.TcpEcho.Port, cancellationToken: timeout.Token);
            return await DataPump.PumpAsync(stream, 2 * 1024 * 1024 + i, seed: 100 + i, timeout.Token);
        });

        var results = await Task.WhenAll(pumps);

        Assert.All(results, r => Assert.True(r.IsIntact, $"{r}{fixture.Host.Describe()}"));
    }

    [Fact]
    public async Task Socks5Password_RightCredentials_Relays()
    {
        using var timeout = Timeout();
        await using var stream = await Socks5Client.ConnectAsync(
            fixture.SocksWithPassword, "127.0.0.1", fixture.TcpEcho.Port, (ProxyHostFixture.User, ProxyHostFixture.Password), timeout.Token);

        var result = await DataPump.PumpAsync(stream, 64 * 1024, seed: 3, timeout.Token);

        Assert.True(result.IsIntact, $"{result}{fixture.Host.Describe()}");
    }

    [Fact]
    public async Task Socks5Password_WrongPassword_Refused()
    {
        using var timeout = Timeout();
        var refusal = await Assert.ThrowsAsync<Socks5ReplyException>(() =>
            Socks5Client.ConnectAsync(fixture.SocksWithPassword, "127.0.0.1", fixture.TcpEcho.Port, (ProxyHostFixture.User, "nope"), timeout.Token));

        Assert.Equal(0x01, refusal.Code);
        Assert.DoesNotContain("nope", fixture.Host.Output.Text);
    }

    [Fact]
    public async Task HttpForwardGet_RewrittenRequestReachesOrigin()
    {
        using var timeout = Timeout();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(fixture.Http, timeout.Token);
        await using var stream = new NetworkStream(socket);
        var authority = $"127.0.0.1:{fixture.TcpEcho.Port}";

        // The origin is an echo server, so what comes back is exactly what the proxy forwarded.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET http://{authority}/path?q=1 HTTP/1.1\r\nHost: {authority}\r\nProxy-Connection: keep-alive\r\nAccept: */*\r\n\r\n"), timeout.Token);
        socket.Shutdown(SocketShutdown.Send);
        var forwarded = new MemoryStream();
        await stream.CopyToAsync(forwarded, timeout.Token);
        var text = Encoding.ASCII.GetString(forwarded.ToArray());

        Assert.StartsWith("GET /path?q=1 HTTP/1.1\r\n", text);
        Assert.Contains($"Host: {authority}\r\n", text);
        Assert.DoesNotContain("Proxy-Connection", text);
        Assert.EndsWith("\r\n\r\n", text);
    }

    [Fact]
    public async Task BlackholeRoute_Http_Answers403AndCloses()
    {
        using var timeout = Timeout();
        await using var stream = await Socks5Client.ConnectAsync(fixture.BlackholeSocks, "example.com", 80, cancellationToken: timeout.Token);

        var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);

        Assert.Equal("HTTP/1.1 403 Forbidden\nConnection: close\nCache-Control: max-age=3600, public\nContent-Length: 0\n\n\n", Encoding.ASCII.GetString(answer.ToArray()));
    }
}
