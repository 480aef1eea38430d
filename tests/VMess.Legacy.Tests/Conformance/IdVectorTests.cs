using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

public sealed class IdVectorTests
{
    [Fact]
    public void AlterIds_MainId_MatchV2RayChain()
    {
        var section = Vectors.Load("ids.json").GetProperty("alter_ids");
        var expected = section.GetProperty("alter_ids").EnumerateArray().Select(a => Convert.ToHexStringLower(a.Hex("uuid_bytes"))).ToArray();

        var actual = LegacyIds.AlterIds(LegacyKit.Id(section.GetProperty("main_uuid").GetString()!), section.GetProperty("alter_id_count").GetInt32());

        Assert.Equal(expected, actual.Select(Convert.ToHexStringLower).ToArray());
    }

    [Fact]
    public void Auth_MainAndAlterIds_MatchV2RayHmac()
    {
        var section = Vectors.Load("ids.json").GetProperty("legacy_auth");
        var timestamp = section.GetProperty("timestamp").GetInt64();
        foreach (var vector in section.GetProperty("vectors").EnumerateArray())
        {
            var auth = new byte[16];
            LegacyIds.Auth(LegacyKit.Id(vector.GetProperty("uuid").GetString()!), timestamp, auth);
            Assert.Equal(vector.GetProperty("auth").GetString(), Convert.ToHexStringLower(auth));
        }
    }

    [Fact]
    public void HeaderIv_Vector_MatchesMd5OfTimestampFourTimes()
    {
        var vector = Vectors.Load("primitives.json").GetProperty("legacy_header_iv");

        var iv = LegacyIds.HeaderIv(vector.GetProperty("timestamp").GetInt64());

        Assert.Equal(vector.GetProperty("iv").GetString(), Convert.ToHexStringLower(iv));
    }

    [Fact]
    public void ReadRequest_ValidatorWindowVector_FindsExactlyTheSecondsV2RayFinds()
    {
        var section = Vectors.Load("ids.json").GetProperty("legacy_validator_window");
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(section.GetProperty("clock").GetInt64()));
        using var server = LegacyKit.Server(clock, true, LegacyKit.User(alterId: 0));

        foreach (var lookup in section.GetProperty("lookups").EnumerateArray())
        {
            var result = server.ReadRequest(lookup.Hex("auth"), new VMessRequest());
            var found = result.Status != VMessHeaderStatus.NotMine;
            Assert.True(lookup.GetProperty("found").GetBoolean() == found, $"offset {lookup.GetProperty("timestamp_offset").GetInt32()}: found={found}");
        }
    }
}
