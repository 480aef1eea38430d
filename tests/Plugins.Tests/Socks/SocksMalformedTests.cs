using Moq;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Plugins.Socks;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Plugins.Tests.Infrastructure;

namespace VMessPlugins.Tests.Plugins.Tests.Socks;

public sealed class SocksMalformedTests
{
    [Theory]
    [InlineData(new byte[] { 0x06, 0x01, 0x00 }, "not a SOCKS request")]
    [InlineData(new byte[] { 0x05, 0x00 }, "no authentication method")]
    [InlineData(new byte[] { 0x05, 0x01 }, "closed the connection")]
    [InlineData(new byte[] { 0x05, 0x01, 0x00, 0x04, 0x01, 0x00, 0x01 }, "bad SOCKS5 request version")]
    [InlineData(new byte[] { 0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x01, 127 }, "closed the connection")]
    [InlineData(new byte[] { 0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x03, 0x00, 0x00, 0x50 }, "empty domain")]
    public async Task HandleAsync_MalformedBytes_ProxyExceptionAndNoConnect(byte[] bytes, string expected)
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(SocksConnectTests.Handler(), dispatcher);

        await run.Stream.WriteAsync(bytes, run.Token);
        await run.Client.CompleteWritesAsync(run.Token);
        var failure = await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);

        Assert.Contains(expected, failure.Message);
        Assert.Empty(dispatcher.Connected);
    }

    [Theory]
    [InlineData(0x02, 0x01, 0x07)] // BIND
    [InlineData(0x09, 0x01, 0x07)] // no such command
    [InlineData(0x01, 0x09, 0x08)] // no such address type
    public async Task HandleAsync_UnsupportedRequest_RepliesCodeAndThrows(byte command, byte addressType, byte expectedReply)
    {
        var dispatcher = new FakeDispatcher();
        await using var run = new InboundRun(SocksConnectTests.Handler(), dispatcher);

        await Socks5Client.NegotiateAsync(run.Stream, null, run.Token);
        await run.Stream.WriteAsync(new byte[] { 0x05, command, 0x00, addressType, 127, 0, 0, 1, 0, 80 }, run.Token);
        var reply = new byte[2];
        await run.Stream.ReadExactlyAsync(reply, run.Token);

        Assert.Equal(expectedReply, reply[1]);
        await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
        Assert.Empty(dispatcher.Connected);
    }

    [Fact]
    public async Task HandleAsync_UdpAssociateWhenUdpDisabled_Replies07()
    {
        await using var run = new InboundRun(SocksConnectTests.Handler("""{"udp":false}"""), new FakeDispatcher());

        await Socks5Client.NegotiateAsync(run.Stream, null, run.Token);
        var refusal = await Assert.ThrowsAsync<Socks5ReplyException>(() => Socks5Client.RequestAsync(run.Stream, 0x03, "0.0.0.0", 0, run.Token));

        Assert.Equal(0x07, refusal.Code);
        var failure = await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);
        Assert.Contains("udp", failure.Message);
    }

    [Fact]
    public async Task HandleAsync_SilentClient_TimesOutWithPolicyHandshake()
    {
        var policies = new Mock<IPolicyProvider>();
        policies.Setup(p => p.GetPolicy(It.IsAny<uint>())).Returns(new ConnectionPolicy { Handshake = TimeSpan.FromMilliseconds(200) });
        var (definition, _) = ConfigFixture.Inbound("socks", "{}");
        var handler = new SocksInboundFactory(NullLoggerFactory.Instance, policies.Object).Create(definition)!;
        await using var run = new InboundRun(handler, new FakeDispatcher());

        await run.Stream.WriteAsync(new byte[] { 0x05 }, run.Token);
        var failure = await Assert.ThrowsAnyAsync<ProxyException>(() => run.Handling);

        Assert.Contains("timed out", failure.Message);
        policies.Verify(p => p.GetPolicy(0u), Times.AtLeastOnce());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task HandleAsync_RandomBytes_OnlyProxyExceptionOrSuccess(int seed)
    {
        var random = new Random(seed);
        var garbage = new byte[random.Next(1, 64)];
        random.NextBytes(garbage);
        garbage[0] = seed % 2 == 0 ? (byte)0x05 : (byte)0x04; // reach past the version check too
        await using var run = new InboundRun(SocksConnectTests.Handler(), new FakeDispatcher());

        await run.Stream.WriteAsync(garbage, run.Token);
        await run.Client.CompleteWritesAsync(run.Token);
        var drain = run.ReadToEndAsync();
        var failure = await Record.ExceptionAsync(() => run.Handling);

        Assert.True(failure is null or ProxyException, $"unexpected {failure}");
        await drain;
    }
}
