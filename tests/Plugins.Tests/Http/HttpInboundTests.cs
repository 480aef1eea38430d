using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Plugins.Http;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Plugins.Tests.Infrastructure;

namespace VMessPlugins.Tests.Plugins.Tests.Http;

public sealed class HttpInboundTests
{
    private const string Required407 = "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n\r\n";

    private static IInboundHandler Handler(string json = "{}")
    {
        var (definition, diagnostics) = ConfigFixture.Inbound("http", json);
        return new HttpInboundFactory(NullLoggerFactory.Instance).Create(definition)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Items));
    }

    private static async Task SendAsync(InboundRun run, string text) =>
        await run.Stream.WriteAsync(Encoding.ASCII.GetBytes(text), run.Token);

    private static async Task<string> ReadAllTextAsync(InboundRun run) => Encoding.ASCII.GetString(await run.ReadToEndAsync());

    [Fact]
    public async Task HandleAsync_Connect_Answers200ThenTunnelsIncludingPipelinedBytes()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler(), dispatcher);

        await SendAsync(run, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nearly");
        var head = await HttpConnectClient.ReadHeadAsync(run.Stream, run.Token);
        await SendAsync(run, "+late");
        await run.Client.CompleteWritesAsync(run.Token);
        var echoed = await ReadAllTextAsync(run);
        await run.Handling;

        Assert.Equal("HTTP/1.1 200 Connection established\r\n\r\n", head);
        Assert.Equal("early+late", echoed);
        Assert.Equal(Destination.Tcp(Address.FromDomain("example.com"), 443), Assert.Single(dispatcher.Connected));
    }

    [Fact]
    public async Task HandleAsync_ConnectIPv6_ParsesBracketedAuthority()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler(), dispatcher);

        await SendAsync(run, "CONNECT [::1]:8443 HTTP/1.1\r\n\r\n");
        await HttpConnectClient.ReadHeadAsync(run.Stream, run.Token);

        Assert.Equal(Destination.Tcp(Address.Parse("::1"), 8443), Assert.Single(dispatcher.Connected));
    }

    [Fact]
    public async Task HandleAsync_ConnectUpstreamFails_Answers502()
    {
        var dispatcher = new FakeDispatcher { ConnectFailure = new ProxyException("refused") };
        await using var run = new InboundRun(Handler(), dispatcher);

        await SendAsync(run, "CONNECT example.com:443 HTTP/1.1\r\n\r\n");
        var head = await HttpConnectClient.ReadHeadAsync(run.Stream, run.Token);

        Assert.StartsWith("HTTP/1.1 502 ", head);
        await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
    }

    [Fact]
    public async Task HandleAsync_AbsoluteUriGet_RewritesToOriginFormAndDropsProxyHeaders()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler(), dispatcher);

        await SendAsync(run, "POST http://example.com:8080/a/b?c=1 HTTP/1.1\r\nHost: example.com:8080\r\nProxy-Connection: keep-alive\r\n"
            + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\nAccept: */*\r\nContent-Length: 4\r\n\r\nbody");
        await run.Client.CompleteWritesAsync(run.Token);
        await run.ReadToEndAsync();
        await run.Handling;
        var forwarded = Encoding.ASCII.GetString(dispatcher.PeerReceived.Single().ToArray());

        Assert.Equal(Destination.Tcp(Address.FromDomain("example.com"), 8080), Assert.Single(dispatcher.Connected));
        Assert.StartsWith("POST /a/b?c=1 HTTP/1.1\r\n", forwarded);
        Assert.Contains("\r\nHost: example.com:8080\r\n", forwarded);
        Assert.Contains("\r\nAccept: */*\r\n", forwarded);
        Assert.Contains("\r\nConnection: close\r\n", forwarded);
        Assert.DoesNotContain("Proxy-", forwarded);
        Assert.EndsWith("\r\n\r\nbody", forwarded);
    }

    [Fact]
    public async Task HandleAsync_AbsoluteUriWithoutPath_DefaultsToSlashAndPort80()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler(), dispatcher);

        await SendAsync(run, "GET http://example.com HTTP/1.1\r\n\r\n");
        await run.Client.CompleteWritesAsync(run.Token);
        await run.ReadToEndAsync();
        await run.Handling;
        var forwarded = Encoding.ASCII.GetString(dispatcher.PeerReceived.Single().ToArray());

        Assert.Equal((ushort)80, dispatcher.Connected.Single().Port);
        Assert.StartsWith("GET / HTTP/1.1\r\n", forwarded);
        Assert.Contains("\r\nHost: example.com\r\n", forwarded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("alice:wrong")]
    [InlineData("bob:secret")]
    public async Task HandleAsync_MissingOrWrongCredentials_Exact407(string? credentials)
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler("""{"accounts":[{"user":"alice","pass":"secret"}]}"""), dispatcher);
        var authorization = credentials is null ? string.Empty : $"Proxy-Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))}\r\n";

        await SendAsync(run, $"CONNECT example.com:443 HTTP/1.1\r\n{authorization}\r\n");
        var answer = await HttpConnectClient.ReadHeadAsync(run.Stream, run.Token);

        Assert.Equal(Required407, answer);
        await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
        Assert.Empty(dispatcher.Connected);
    }

    [Fact]
    public async Task HandleAsync_RightCredentials_SetsUser()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler("""{"accounts":[{"user":"alice","pass":"secret"}],"userLevel":1}"""), dispatcher);

        await SendAsync(run, $"CONNECT example.com:443 HTTP/1.1\r\nProxy-Authorization: Basic {Convert.ToBase64String("alice:secret"u8)}\r\n\r\n");
        var answer = await HttpConnectClient.ReadHeadAsync(run.Stream, run.Token);

        Assert.StartsWith("HTTP/1.1 200", answer);
        Assert.Equal(new UserInfo("alice", "alice", 1), run.Session.User);
    }

    [Theory]
    [InlineData("GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n")]
    [InlineData("GET https://example.com/ HTTP/1.1\r\n\r\n")]
    [InlineData("this is not http\r\n\r\n")]
    [InlineData("GET http://example.com/ HTTP/1.1\r\nbroken header line\r\n\r\n")]
    [InlineData("CONNECT example.com HTTP/1.1\r\n\r\n")]
    [InlineData("CONNECT example.com:0 HTTP/1.1\r\n\r\n")]
    public async Task HandleAsync_BadRequest_Answers400(string request)
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler(), dispatcher);

        await SendAsync(run, request);
        var answer = await HttpConnectClient.ReadHeadAsync(run.Stream, run.Token);

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", answer);
        await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
        Assert.Empty(dispatcher.Connected);
    }

    [Fact]
    public async Task HandleAsync_AllowTransparent_UsesHostHeader()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler("""{"allowTransparent":true}"""), dispatcher);

        await SendAsync(run, "GET /x HTTP/1.1\r\nHost: example.com:81\r\n\r\n");
        await run.Client.CompleteWritesAsync(run.Token);
        await run.ReadToEndAsync();
        await run.Handling;

        Assert.Equal(Destination.Tcp(Address.FromDomain("example.com"), 81), Assert.Single(dispatcher.Connected));
        Assert.StartsWith("GET /x HTTP/1.1\r\n", Encoding.ASCII.GetString(dispatcher.PeerReceived.Single().ToArray()));
    }

    [Fact]
    public async Task HandleAsync_HeadTooLarge_Answers431()
    {
        await using var run = new InboundRun(Handler(), new FakeDispatcher());

        await SendAsync(run, "GET http://example.com/ HTTP/1.1\r\nX-Long: " + new string('a', HttpInbound.MaxHeadLength));
        var answer = await HttpConnectClient.ReadHeadAsync(run.Stream, run.Token);

        Assert.StartsWith("HTTP/1.1 431 ", answer);
        await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
    }

    [Fact]
    public async Task HandleAsync_ClientClosesMidHead_ProxyException()
    {
        await using var run = new InboundRun(Handler(), new FakeDispatcher());

        await SendAsync(run, "GET http://exa");
        await run.Client.CompleteWritesAsync(run.Token);

        var failure = await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
        Assert.Contains("middle of the request head", failure.Message);
    }

    [Fact]
    public async Task HandleAsync_SlowHead_TimesOutWithPolicyHandshake()
    {
        var policies = new Mock<IPolicyProvider>();
        policies.Setup(p => p.GetPolicy(It.IsAny<uint>()))
            .Returns(new ConnectionPolicy { Handshake = TimeSpan.FromMilliseconds(200) });
        var (definition, _) = ConfigFixture.Inbound("http", "{}");
        var handler = new HttpInboundFactory(NullLoggerFactory.Instance, policies.Object).Create(definition)!;
        await using var run = new InboundRun(handler, new FakeDispatcher());

        await SendAsync(run, "GET http://example.com/ HTTP/1.1\r\n");
        var failure = await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);

        Assert.Contains("handshake timeout", failure.Message);
    }
}
