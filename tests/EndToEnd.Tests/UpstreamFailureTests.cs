using System.Net;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.EndToEnd.Tests;

public sealed class UpstreamFailureTests(ProxyHostFixture fixture) : IClassFixture<ProxyHostFixture>
{
    [Fact]
    public async Task Socks5Connect_NothingListening_RepliesConnectionRefused()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var closedPort = FreePort.Tcp();

        var refusal = await Assert.ThrowsAsync<Socks5ReplyException>(() =>
            Socks5Client.ConnectAsync(fixture.Socks, "127.0.0.1", closedPort, cancellationToken: timeout.Token));

        Assert.True(refusal.Code == 0x05, $"reply 0x{refusal.Code:x2}{fixture.Host.Describe()}");
    }

    [Fact]
    public async Task HttpConnect_NothingListening_Answers502()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var closedPort = FreePort.Tcp();

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() =>
            HttpConnectClient.ConnectAsync(fixture.Http, "127.0.0.1", closedPort, cancellationToken: timeout.Token));

        Assert.Equal(HttpStatusCode.BadGateway, failure.StatusCode);
    }
}
