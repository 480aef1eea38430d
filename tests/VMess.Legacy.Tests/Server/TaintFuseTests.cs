using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Aead;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Server;

public sealed class TaintFuseTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime);

    [Fact]
    public void ReadRequest_ReplayedHandshake_RefusedThenEveryUseOfThatHashIsTainted()
    {
        var alice = LegacyKit.User(alterId: 4);
        var bob = LegacyKit.User(LegacyKit.OtherUserId, alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), true, alice, bob);
        var captured = Handshakes.Make(alice, LegacyKit.FixedTime + 5, 2);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(captured, new VMessRequest()).Status);

        var replay = server.ReadRequest(captured, new VMessRequest());
        var sameHashFreshSession = server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime + 5, 2), new VMessRequest());

        Assert.Equal(VMessHeaderStatus.Rejected, replay.Status);
        Assert.Contains("duplicated session", replay.Reason);
        Assert.False(replay.Authenticated);
        Assert.Same(alice, replay.User);
        Assert.Equal(VMessHeaderStatus.Rejected, sameHashFreshSession.Status);
        Assert.Equal("invalid user: ErrTainted", sameHashFreshSession.Reason);
        Assert.False(sameHashFreshSession.Authenticated);
        // Another alter ID, another second, another user: unaffected.
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime + 5, 1), new VMessRequest()).Status);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime + 6, 2), new VMessRequest()).Status);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(bob, LegacyKit.FixedTime + 5, 2), new VMessRequest()).Status);
    }

    [Fact]
    public void ReadRequest_FuseSwitchedOff_OnlyTheReplayIsRefused()
    {
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), taintFuse: false, alice);
        var captured = Handshakes.Make(alice, LegacyKit.FixedTime, 0);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(captured, new VMessRequest()).Status);

        var replay = server.ReadRequest(captured, new VMessRequest());
        var sameHash = server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime, 0), new VMessRequest());

        Assert.Equal(VMessHeaderStatus.Rejected, replay.Status);
        Assert.Equal(VMessHeaderStatus.Accepted, sameHash.Status);
    }

    [Fact]
    public void ReadRequest_ChecksumTampered_RefusedWithoutAnswerAndHashBurnt()
    {
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), true, alice);
        var request = Handshakes.NewRequest(alice);
        var genuine = Handshakes.Make(request, LegacyKit.FixedTime, 3);
        var tampered = genuine.ToArray();
        tampered[^1] ^= 0x01;

        var result = server.ReadRequest(tampered, new VMessRequest());

        Assert.Equal(VMessHeaderStatus.Rejected, result.Status);
        Assert.Contains("FNV", result.Reason);
        Assert.False(result.Authenticated);
        Assert.Equal("invalid user: ErrTainted", server.ReadRequest(genuine, new VMessRequest()).Reason);
    }

    [Fact]
    public void ReadRequest_SameSessionKeys_RefusedForThreeMinutesOnly()
    {
        var clock = new FakeTimeProvider(Start);
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(clock, taintFuse: false, alice);
        var key = new byte[16];
        var iv = new byte[16];
        iv[0] = 1;
        byte[] At(int alter) => Handshakes.Make(Handshakes.NewRequest(alice, key, iv), clock.GetUtcNow().ToUnixTimeSeconds(), alter);

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(At(0), new VMessRequest()).Status);
        clock.Advance(TimeSpan.FromSeconds(179));
        var within = server.ReadRequest(At(1), new VMessRequest());
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = server.ReadRequest(At(2), new VMessRequest());

        Assert.Equal(VMessHeaderStatus.Rejected, within.Status);
        Assert.Contains("duplicated session", within.Reason);
        Assert.Equal(VMessHeaderStatus.Accepted, after.Status);
    }

    [Theory]
    [InlineData(16 + 38)] // the fixed part complete, the address missing
    [InlineData(16 + 38 + 5)] // inside the domain
    [InlineData(16 + 60 - 1)] // inside the checksum
    public void OnHeaderIncomplete_EndedAfterTheFixedPart_HashBurntOthersUnaffected(int cut)
    {
        var logs = new LogLines();
        var alice = LegacyKit.User(alterId: 4);
        var bob = LegacyKit.User(LegacyKit.OtherUserId, alterId: 4, email: "bob@test");
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), logs.CreateLogger("legacy"), true, alice, bob);
        var header = Handshakes.Make(alice, LegacyKit.FixedTime + 5, 2);
        Assert.Equal(16 + 60, header.Length);
        Assert.Equal(VMessHeaderStatus.NeedMoreData, server.ReadRequest(header.AsSpan(0, cut), new VMessRequest()).Status);

        server.OnHeaderIncomplete(header.AsSpan(0, cut));
        var sameHash = server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime + 5, 2), new VMessRequest());

        Assert.Equal(VMessHeaderStatus.Rejected, sameHash.Status);
        Assert.Equal("invalid user: ErrTainted", sameHash.Reason);
        Assert.Same(alice, sameHash.User);
        Assert.False(sameHash.Authenticated);
        var burnt = Assert.Single(logs.Lines, line => line.Contains("burnt by the taint fuse", StringComparison.Ordinal));
        Assert.Contains("alice@test", burnt);
        Assert.Contains("ended inside the request header", burnt);
        Assert.DoesNotContain(LegacyKit.UserId, burnt);
        // Another alter ID, another second, another user: unaffected.
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime + 5, 1), new VMessRequest()).Status);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime + 6, 2), new VMessRequest()).Status);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(bob, LegacyKit.FixedTime + 5, 2), new VMessRequest()).Status);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(16 + 20)]
    [InlineData(16 + 38 - 1)]
    public void OnHeaderIncomplete_EndedInsideTheFixedPart_NothingBurnt(int cut)
    {
        // v2ray 4.34 returns "failed to read request header" there, before it knows the session: no burn.
        var logs = new LogLines();
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), logs.CreateLogger("legacy"), true, alice);
        var header = Handshakes.Make(alice, LegacyKit.FixedTime, 0);
        Assert.Equal(VMessHeaderStatus.NeedMoreData, server.ReadRequest(header.AsSpan(0, cut), new VMessRequest()).Status);

        server.OnHeaderIncomplete(header.AsSpan(0, cut));

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime, 0), new VMessRequest()).Status);
        Assert.Empty(logs.Lines);
    }

    [Fact]
    public void OnHeaderIncomplete_FuseSwitchedOff_HashStaysUsable()
    {
        var logs = new LogLines();
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), logs.CreateLogger("legacy"), false, alice);
        var header = Handshakes.Make(alice, LegacyKit.FixedTime, 3);

        server.OnHeaderIncomplete(header.AsSpan(0, header.Length - 1));

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Handshakes.Make(alice, LegacyKit.FixedTime, 3), new VMessRequest()).Status);
        Assert.Empty(logs.Lines);
    }

    [Fact]
    public void OnHeaderIncomplete_UnknownAuthShortInputOrAlreadyBurnt_NoBurnNoSecondLogLine()
    {
        var logs = new LogLines();
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), logs.CreateLogger("legacy"), true, alice);
        var header = Handshakes.Make(alice, LegacyKit.FixedTime, 1);
        var unknown = header.ToArray();
        unknown[0] ^= 0xff;

        server.OnHeaderIncomplete(unknown.AsSpan(0, 70));
        server.OnHeaderIncomplete(header.AsSpan(0, 10));
        server.OnHeaderIncomplete([]);
        Assert.Empty(logs.Lines);
        server.OnHeaderIncomplete(header.AsSpan(0, 70));
        server.OnHeaderIncomplete(header.AsSpan(0, 70));

        Assert.Equal(1, logs.Count("burnt by the taint fuse"));
        Assert.Equal("invalid user: ErrTainted", server.ReadRequest(header, new VMessRequest()).Reason);
    }

    [Fact]
    public void AeadServer_AfterLegacyHashBurnt_StillAcceptsTheSameUser()
    {
        // The AEAD client reads the system clock, so the servers run on the real time here.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var alice = LegacyKit.User(alterId: 4);
        using var legacy = LegacyKit.Server(clock, true, alice);
        var captured = Handshakes.Make(alice, clock.GetUtcNow().ToUnixTimeSeconds(), 0);
        legacy.ReadRequest(captured, new VMessRequest());
        Assert.Equal(VMessHeaderStatus.Rejected, legacy.ReadRequest(captured, new VMessRequest()).Status);
        var aead = AeadAuthenticator();
        using var aeadServer = aead.CreateServer(new VMessHeaderServerOptions { Logger = NullLogger.Instance, TimeProvider = clock });
        aeadServer.AddUser(alice);
        var request = Handshakes.NewRequest(alice);
        var header = new byte[aead.CreateClient().GetMaxRequestLength(request)];

        var length = aead.CreateClient().WriteRequest(request, header);
        var result = aeadServer.ReadRequest(header.AsSpan(0, length), new VMessRequest());

        Assert.Equal(VMessHeaderStatus.Accepted, result.Status);
    }

    private static IVMessHeaderAuthenticator AeadAuthenticator()
    {
        var services = new ServiceCollection();
        new AeadPlugin().ConfigureServices(services, new PluginContext("test", AppContext.BaseDirectory, new Dictionary<string, bool>()));
        return services.BuildServiceProvider().GetRequiredService<IVMessHeaderAuthenticator>();
    }
}
