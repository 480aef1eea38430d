using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Plugins.Blackhole;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Plugins.Tests.Infrastructure;

namespace VMessPlugins.Tests.Plugins.Tests.Blackhole;

public sealed class BlackholeTests
{
    private const string Forbidden = "HTTP/1.1 403 Forbidden\nConnection: close\nCache-Control: max-age=3600, public\nContent-Length: 0\n\n\n";
    private static readonly SessionContext Session = new() { InboundTag = "in" };
    private static readonly Destination Anywhere = Destination.Tcp(Address.FromDomain("example.com"), 80);

    private static (IOutboundHandler? Handler, string[] Findings) Create(string json)
    {
        var (definition, diagnostics) = ConfigFixture.Outbound("blackhole", json, new LoopbackDialer());
        return (new BlackholeOutboundFactory(NullLoggerFactory.Instance).Create(definition), ConfigFixture.Lines(diagnostics));
    }

    private static async Task<byte[]> ReadAllAfterWritingAsync(IOutboundHandler handler)
    {
        await using var connection = await handler.ConnectAsync(Anywhere, Session, CancellationToken.None);
        await connection.Stream.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        await connection.CompleteWritesAsync(CancellationToken.None);
        var all = new MemoryStream();
        await connection.Stream.CopyToAsync(all);
        return all.ToArray();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"response":{"type":"none"}}""")]
    [InlineData("""{"response":{"type":"NONE"}}""")]
    public async Task ConnectAsync_None_EndsAtOnce(string json)
    {
        var (handler, findings) = Create(json);
        Assert.Empty(findings);
        Assert.Empty(await ReadAllAfterWritingAsync(handler!));
    }

    [Theory]
    [InlineData("""{"response":{"type":"http"}}""")]
    [InlineData("""{"response":{"type":"Http"}}""")]
    public async Task ConnectAsync_Http_Exact97BytesThenEnd(string json)
    {
        var (handler, findings) = Create(json);
        var bytes = await ReadAllAfterWritingAsync(handler!);

        Assert.Empty(findings);
        Assert.Equal(97, bytes.Length);
        Assert.Equal(Forbidden, Encoding.ASCII.GetString(bytes));
    }

    [Theory]
    [InlineData("""{"response":{}}""", "error: outbounds[0].settings.response.type")]
    [InlineData("""{"response":{"type":"html"}}""", "error: outbounds[0].settings.response.type")]
    [InlineData("""{"response":{"type":["http"]}}""", "error: outbounds[0].settings.response.type")]
    public void Create_BadResponseType_Error(string json, string expected)
    {
        var (handler, findings) = Create(json);
        Assert.Null(handler);
        Assert.Contains(expected, findings);
    }

    [Fact]
    public void Create_UnknownKeys_Warn()
    {
        var (handler, findings) = Create("""{"response":{"type":"http","body":"x"},"extra":1}""");
        Assert.NotNull(handler);
        Assert.Equal(["warning: outbounds[0].settings.response.body", "warning: outbounds[0].settings.extra"], findings.Order().Reverse().ToArray());
    }

    [Fact]
    public async Task OpenPacketAsync_DropsDatagramsUntilDisposed()
    {
        var (handler, _) = Create("{}");
        var packets = await handler!.OpenPacketAsync(Destination.Udp(Address.FromDomain("example.com"), 53), Session, CancellationToken.None);

        await packets.SendAsync(new byte[] { 1, 2, 3 }, Destination.Udp(Address.FromDomain("example.com"), 53), CancellationToken.None);
        var receiving = packets.ReceiveAsync(new byte[16], CancellationToken.None).AsTask();
        Assert.False(receiving.IsCompleted);
        await packets.DisposeAsync();

        Assert.True((await receiving).IsCompleted);
    }
}
