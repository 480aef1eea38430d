using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.VMess.Inbound;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Inbound;

/// <summary>
/// The inbound tells the header server that was still waiting for bytes when a connection ended inside the
/// header (IVMessIncompleteHeaderObserver), once, and otherwise refuses exactly as before: nothing written, FIN.
/// </summary>
public sealed class IncompleteHeaderTests
{
    private static readonly TimeSpan Handshake = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Eof_WhileTheServerWaits_ToldOnceWithEverythingReceived()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var server = new ObservingHeaderServer(_ => VMessHeaderReadResult.NeedMore(100));
        var (client, serving) = Serve(new FakeTimeProvider(), timeout.Token, server);
        var sent = RandomNumberGenerator.GetBytes(40);

        await client.Stream.WriteAsync(sent.AsMemory(0, 30), timeout.Token);
        await server.WaitAskedAsync(30, timeout.Token);
        await client.Stream.WriteAsync(sent.AsMemory(30), timeout.Token);
        await client.CompleteWritesAsync(timeout.Token);
        var answer = await Streams.ReadToEndAsync(client.Stream, timeout.Token);
        await serving;

        Assert.Empty(answer);
        Assert.Equal(Convert.ToHexString(sent), Convert.ToHexString(Assert.Single(server.Incomplete)));
    }

    [Fact]
    public async Task Deadline_WhileTheServerWaits_ToldOnceNothingWrittenThenClosed()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var clock = new FakeTimeProvider();
        var server = new ObservingHeaderServer(_ => VMessHeaderReadResult.NeedMore(100));
        var (client, serving) = Serve(clock, timeout.Token, server);

        await client.Stream.WriteAsync(RandomNumberGenerator.GetBytes(20), timeout.Token);
        await server.WaitAskedAsync(20, timeout.Token);
        var reading = Streams.ReadToEndAsync(client.Stream, timeout.Token);
        clock.Advance(Handshake - TimeSpan.FromSeconds(1));
        Assert.Empty(server.Incomplete);
        clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await reading;
        await serving;

        Assert.Empty(answer);
        Assert.Equal(20, Assert.Single(server.Incomplete).Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Eof_OnlyTheServerStillWaitingIsTold(bool observerFirst)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        // The first format reads 20 bytes and disowns them; the second then waits for more.
        static VMessHeaderReadResult First(int length) =>
            length < 20 ? VMessHeaderReadResult.NeedMore(20) : VMessHeaderReadResult.NotMine("not mine");
        static VMessHeaderReadResult Second(int length) => VMessHeaderReadResult.NeedMore(1000);
        var observer = new ObservingHeaderServer(observerFirst ? First : Second);
        var other = new ScriptedHeaderServer(observerFirst ? Second : First);
        var (client, serving) = Serve(new FakeTimeProvider(), timeout.Token, observerFirst ? [observer, other] : [other, observer]);

        await client.Stream.WriteAsync(RandomNumberGenerator.GetBytes(10), timeout.Token);
        await (observerFirst ? observer : other).WaitAskedAsync(10, timeout.Token);
        await client.Stream.WriteAsync(RandomNumberGenerator.GetBytes(15), timeout.Token);
        await (observerFirst ? other : observer).WaitAskedAsync(25, timeout.Token);
        await client.CompleteWritesAsync(timeout.Token);
        var answer = await Streams.ReadToEndAsync(client.Stream, timeout.Token);
        await serving;

        Assert.Empty(answer);
        if (observerFirst)
        {
            Assert.Empty(observer.Incomplete);
        }
        else
        {
            Assert.Equal(25, Assert.Single(observer.Incomplete).Length);
        }
    }

    [Fact]
    public async Task Eof_BeforeAnyByteOrAfterARefusal_NobodyTold()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var silent = new ObservingHeaderServer(_ => VMessHeaderReadResult.NeedMore(100));
        var (quiet, quietServing) = Serve(new FakeTimeProvider(), timeout.Token, silent);
        await quiet.CompleteWritesAsync(timeout.Token);
        Assert.Empty(await Streams.ReadToEndAsync(quiet.Stream, timeout.Token));
        await quietServing;

        var refusing = new ObservingHeaderServer(length => length < 16 ? VMessHeaderReadResult.NeedMore(16) : VMessHeaderReadResult.Reject("refused"));
        var (client, serving) = Serve(new FakeTimeProvider(), timeout.Token, refusing);
        await client.Stream.WriteAsync(RandomNumberGenerator.GetBytes(16), timeout.Token);
        await refusing.WaitAskedAsync(16, timeout.Token);
        await client.Stream.WriteAsync(RandomNumberGenerator.GetBytes(50), timeout.Token);
        await client.CompleteWritesAsync(timeout.Token);
        Assert.Empty(await Streams.ReadToEndAsync(client.Stream, timeout.Token));
        await serving;

        Assert.Empty(silent.Incomplete);
        Assert.Empty(refusing.Incomplete);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LegacyClient_AuthThenPartOfTheHeaderThenEof_HashBurntOnlyWithTheFuse(bool taintFuse)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var harness = new LegacyInboundHarness(taintFuse);
        var alice = LegacyKit.User(alterId: 4);
        var bob = LegacyKit.User(LegacyKit.OtherUserId, alterId: 4, email: "bob@test");
        var now = harness.Clock.GetUtcNow().ToUnixTimeSeconds();
        var header = RawLegacy.Header(alice, 9, now, 2);

        var cut = await harness.SendAndReadToEndAsync(header[..(16 + 38 + 4)], timeout.Token);
        var sameHash = await harness.ServedAsync(RawLegacy.Header(alice, 9, now, 2), 4, timeout.Token);

        Assert.Empty(cut);
        Assert.Equal(!taintFuse, sameHash);
        Assert.Equal(taintFuse ? 1 : 0, harness.Logs.Count("invalid user: ErrTainted"));
        Assert.Equal(taintFuse ? 1 : 0, harness.Logs.Count("burnt by the taint fuse"));
        Assert.True(await harness.ServedAsync(RawLegacy.Header(bob, 9, now, 2), 4, timeout.Token));
        Assert.True(await harness.ServedAsync(RawLegacy.Header(alice, 9, now, 1), 4, timeout.Token));
        Assert.True(await harness.ServedAsync(RawLegacy.AeadHeader(alice, 9), 38, timeout.Token));
    }

    [Fact]
    public async Task LegacyClient_AuthThenPartOfTheHeaderThenStall_HashBurntAtTheDeadline()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var harness = new LegacyInboundHarness(taintFuse: true);
        var alice = LegacyKit.User(alterId: 4);
        var now = harness.Clock.GetUtcNow().ToUnixTimeSeconds();
        var header = RawLegacy.Header(alice, 9, now, 0);

        var (client, server) = harness.Open();
        await using (client)
        {
            await client.Stream.WriteAsync(header.AsMemory(0, header.Length - 2), timeout.Token);
            await server.WaitingAfterAsync(header.Length - 2).WaitAsync(timeout.Token);
            var reading = Streams.ReadToEndAsync(client.Stream, timeout.Token);
            harness.Clock.Advance(LegacyInboundHarness.Handshake);
            Assert.Empty(await reading);
        }

        Assert.False(await harness.ServedAsync(RawLegacy.Header(alice, 9, now, 0), 4, timeout.Token));
        Assert.Equal(1, harness.Logs.Count("invalid user: ErrTainted"));
        Assert.True(await harness.ServedAsync(RawLegacy.AeadHeader(alice, 9), 38, timeout.Token));
    }

    [Fact]
    public async Task LegacyClient_EofInsideTheFixedPart_HashStaysUsableAsInV2Ray()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var harness = new LegacyInboundHarness(taintFuse: true);
        var alice = LegacyKit.User(alterId: 4);
        var now = harness.Clock.GetUtcNow().ToUnixTimeSeconds();

        Assert.Empty(await harness.SendAndReadToEndAsync(RawLegacy.Header(alice, 9, now, 3)[..(16 + 37)], timeout.Token));

        Assert.True(await harness.ServedAsync(RawLegacy.Header(alice, 9, now, 3), 4, timeout.Token));
        Assert.Equal(0, harness.Logs.Count("ErrTainted"));
    }

    private static (DuplexPipeConnection Client, Task Serving) Serve(
        FakeTimeProvider clock, CancellationToken cancellationToken, params IVMessHeaderServer[] servers)
    {
        var handler = new VMessInboundHandler(
            "vmess-in",
            servers,
            FrozenDictionary<byte, IVMessCipherSuite>.Empty,
            new VMessInboundSettings([], DisableInsecureEncryption: false),
            new FixedHandshake(Handshake),
            clock,
            NullLogger.Instance);
        var (client, server) = DuplexPipeConnection.CreatePair();
        var serving = Task.Run(async () =>
        {
            await using (server)
            {
                await handler.HandleAsync(server, new SessionContext { InboundTag = "vmess-in" }, new EchoDispatcher(), cancellationToken);
            }
        });
        return (client, serving);
    }

    private sealed class FixedHandshake(TimeSpan handshake) : IPolicyProvider
    {
        public ConnectionPolicy GetPolicy(uint level) => ConnectionPolicy.Default with { Handshake = handshake };
    }
}
