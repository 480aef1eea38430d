using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Server;

public sealed class RobustnessTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime);

    [Fact]
    public void ReadRequest_RandomBytes_NeverThrowsNorAccepts()
    {
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), true, alice);
        var random = new Random(4);
        var valid = Handshakes.Make(alice, LegacyKit.FixedTime, 1);

        for (var i = 0; i < 3000; i++)
        {
            var input = new byte[random.Next(0, 601)];
            random.NextBytes(input);
            if (i % 2 == 0 && input.Length >= 16)
            {
                // A valid auth followed by garbage reaches the CFB decryption and the codec.
                valid.AsSpan(0, 16).CopyTo(input);
            }

            var result = server.ReadRequest(input, new VMessRequest());
            Assert.NotEqual(VMessHeaderStatus.Accepted, result.Status);
            if (result.Status == VMessHeaderStatus.NeedMoreData)
            {
                Assert.True(result.BytesNeeded > input.Length);
            }
        }
    }

    [Fact]
    public void ReadRequest_EveryTruncationAndBitFlip_NeverThrows()
    {
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(new FakeTimeProvider(Start), taintFuse: false, alice);
        var valid = Handshakes.Make(alice, LegacyKit.FixedTime, 1);

        for (var length = 0; length <= valid.Length; length++)
        {
            server.ReadRequest(valid.AsSpan(0, length), new VMessRequest());
        }

        for (var bit = 16 * 8; bit < valid.Length * 8; bit++)
        {
            var flipped = valid.ToArray();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(VMessHeaderStatus.Accepted, server.ReadRequest(flipped, new VMessRequest()).Status);
        }
    }

    [Fact]
    public void ReadResponse_RandomBytes_NeverThrows()
    {
        var client = new LegacyHeaderClient(TimeProvider.System);
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var input = new byte[random.Next(0, 601)];
            random.NextBytes(input);
            var request = new VMessRequest { ResponseAuth = (byte)i, Security = (byte)(i % 6) };
            var result = client.ReadResponse(input, request, new VMessResponse());
            Assert.True(result.Status != VMessHeaderStatus.Accepted || result.BytesConsumed <= input.Length);
        }
    }

    [Fact]
    public void WriteRequest_RealRandomness_JitterWithinWindowAndSignedByAnAlterId()
    {
        var clock = new FakeTimeProvider(Start);
        var alice = LegacyKit.User(alterId: 4);
        using var server = LegacyKit.Server(clock, true, alice);
        var client = new LegacyHeaderClient(clock);
        var mainAuths = Enumerable.Range(-30, 60).Select(offset =>
        {
            var auth = new byte[16];
            LegacyIds.Auth(alice.Id, LegacyKit.FixedTime + offset, auth);
            return Convert.ToHexString(auth);
        }).ToHashSet();

        for (var i = 0; i < 200; i++)
        {
            var request = Handshakes.NewRequest(alice);
            var header = new byte[client.GetMaxRequestLength(request)];
            var length = client.WriteRequest(request, header);

            Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(header.AsSpan(0, length), new VMessRequest()).Status);
            Assert.DoesNotContain(Convert.ToHexString(header, 0, 16), mainAuths);
        }
    }

    [Fact]
    public void Authenticator_NameAndPriority_TriedAfterAead()
    {
        Assert.Equal("legacy", LegacyKit.Authenticator.Name);
        Assert.True(LegacyKit.Authenticator.Priority > 0);
        Assert.Equal(1, LegacyKit.Suite.SecurityType);
        Assert.True(LegacyKit.Suite.IsInsecure);
        Assert.Equal(4, LegacyKit.Suite.Overhead);
        Assert.Equal(VMessRequestOptions.ChunkStream, LegacyKit.Suite.ClientOptions);
        Assert.Equal("aes-128-cfb", LegacyKit.Suite.Name);
    }
}
