using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Plugins.Socks;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Plugins.Tests.Infrastructure;

namespace VMessPlugins.Tests.Plugins.Tests.Socks;

public sealed class SocksConnectTests
{
    internal static IInboundHandler Handler(string json = "{}")
    {
        var (definition, diagnostics) = ConfigFixture.Inbound("socks", json);
        return new SocksInboundFactory(NullLoggerFactory.Instance).Create(definition)
            ?? throw new InvalidOperationException(string.Join("\n", diagnostics.Items));
    }

    [Theory]
    [InlineData("127.0.0.1", AddressKind.IPv4)]
    [InlineData("::1", AddressKind.IPv6)]
    [InlineData("example.com", AddressKind.Domain)]
    public async Task HandleAsync_NoAuthConnect_RepliesSuccessAndRelays(string host, AddressKind kind)
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler(), dispatcher);

        await Socks5Client.NegotiateAsync(run.Stream, null, run.Token);
        await Socks5Client.RequestAsync(run.Stream, 0x01, host, 443, run.Token);
        await run.Stream.WriteAsync("ping"u8.ToArray(), run.Token);
        await run.Client.CompleteWritesAsync(run.Token);
        var echoed = await run.ReadToEndAsync();
        await run.Handling;

        Assert.Equal("ping"u8.ToArray(), echoed);
        var destination = Assert.Single(dispatcher.Connected);
        Assert.Equal(kind, destination.Address.Kind);
        Assert.Equal(Address.Parse(host), destination.Address);
        Assert.Equal((ushort)443, destination.Port);
        Assert.Equal(destination, run.Session.Target);
        Assert.Null(run.Session.User);
    }

    [Fact]
    public async Task HandleAsync_PasswordOk_SetsUserAndRelays()
    {
        var dispatcher = new FakeDispatcher();
        var handler = Handler("""{"auth":"password","accounts":[{"user":"alice","pass":"secret"}],"userLevel":2}""");
        await using var run = new InboundRun(handler, dispatcher);

        await Socks5Client.NegotiateAsync(run.Stream, ("alice", "secret"), run.Token);
        await Socks5Client.RequestAsync(run.Stream, 0x01, "10.0.0.1", 80, run.Token);
        await run.Client.CompleteWritesAsync(run.Token);
        await run.ReadToEndAsync();
        await run.Handling;

        Assert.Equal(new UserInfo("alice", "alice", 2), run.Session.User);
        Assert.Equal(2u, run.Session.Level);
    }

    [Fact]
    public async Task HandleAsync_WrongPassword_RejectsWithoutConnecting()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler("""{"auth":"password","accounts":[{"user":"alice","pass":"secret"}]}"""), dispatcher);

        var refusal = await Assert.ThrowsAsync<Socks5ReplyException>(() => Socks5Client.NegotiateAsync(run.Stream, ("alice", "wrong"), run.Token));
        var failure = await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);

        Assert.Equal(0x01, refusal.Code);
        Assert.Contains("alice", failure.Message);
        Assert.DoesNotContain("wrong", failure.Message);
        Assert.Empty(dispatcher.Connected);
    }

    [Fact]
    public async Task HandleAsync_PasswordRequiredButClientOffersNoAuth_ChoosesNoMethod()
    {
        await using var run = new InboundRun(Handler("""{"auth":"password","accounts":[{"user":"a","pass":"b"}]}"""), new FakeDispatcher());

        var refusal = await Assert.ThrowsAsync<Socks5ReplyException>(() => Socks5Client.NegotiateAsync(run.Stream, null, run.Token));

        Assert.Equal(0xFF, refusal.Code);
        await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, 0x05)]
    [InlineData(SocketError.HostUnreachable, 0x04)]
    [InlineData(SocketError.AccessDenied, 0x01)]
    public async Task HandleAsync_UpstreamFails_RepliesMatchingCode(SocketError error, byte expected)
    {
        var dispatcher = new FakeDispatcher { ConnectFailure = new ProxyException("nope", new SocketException((int)error)) };
        await using var run = new InboundRun(Handler(), dispatcher);

        await Socks5Client.NegotiateAsync(run.Stream, null, run.Token);
        var reply = await Assert.ThrowsAsync<Socks5ReplyException>(() => Socks5Client.RequestAsync(run.Stream, 0x01, "127.0.0.1", 9, run.Token));

        Assert.Equal(expected, reply.Code);
        await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
    }

    [Fact]
    public async Task HandleAsync_Socks4aConnect_RepliesGrantedAndRelays()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler(), dispatcher);

        byte[] request = [0x04, 0x01, 0x00, 0x50, 0, 0, 0, 1, (byte)'u', 0, .. "example.org"u8, 0];
        await run.Stream.WriteAsync(request, run.Token);
        var reply = new byte[8];
        await run.Stream.ReadExactlyAsync(reply, run.Token);
        await run.Client.CompleteWritesAsync(run.Token);
        await run.ReadToEndAsync();
        await run.Handling;

        Assert.Equal(0x5A, reply[1]);
        Assert.Equal(Destination.Tcp(Address.FromDomain("example.org"), 80), Assert.Single(dispatcher.Connected));
    }

    [Fact]
    public async Task HandleAsync_Socks4WithPasswordAuth_Rejected()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler("""{"auth":"password","accounts":[{"user":"a","pass":"b"}]}"""), dispatcher);

        await run.Stream.WriteAsync(new byte[] { 0x04, 0x01, 0x00, 0x50, 127, 0, 0, 1, 0 }, run.Token);
        var reply = new byte[8];
        await run.Stream.ReadExactlyAsync(reply, run.Token);

        Assert.Equal(0x5B, reply[1]);
        await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
        Assert.Empty(dispatcher.Connected);
    }

    [Fact]
    public void ReplyCodeFor_NoSocketError_GeneralFailure() =>
        Assert.Equal(0x01, SocksInbound.ReplyCodeFor(new ProxyException("x")));

    [Fact]
    public async Task HandleAsync_BoundAddressOfUpstream_InReply()
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(Handler(), dispatcher);

        await Socks5Client.NegotiateAsync(run.Stream, null, run.Token);
        var (host, port) = await Socks5Client.RequestAsync(run.Stream, 0x01, "127.0.0.1", 1, run.Token);

        // The in-memory upstream's local end is the fake client endpoint 127.0.0.1:50000.
        Assert.Equal(IPAddress.Loopback.ToString(), host);
        Assert.Equal((ushort)50000, port);
    }
}
