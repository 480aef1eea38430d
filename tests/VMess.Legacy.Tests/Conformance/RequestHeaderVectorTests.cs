using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

public sealed class RequestHeaderVectorTests
{
    public static TheoryData<string> Names() =>
        [.. Vectors.Load("request_header_legacy.json").GetProperty("vectors").EnumerateArray().Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Names))]
    public void WriteRequest_VectorRandomInputs_ProducesV2RayBytes(string name)
    {
        var vector = Vectors.Named("request_header_legacy.json", name);
        var request = RequestVectors.Request(vector);
        var destination = new byte[512];

        var length = LegacyHeaderClient.WriteRequest(request, destination, RequestVectors.Randomness(vector));

        Assert.Equal(vector.GetProperty("sealed").GetString(), Convert.ToHexStringLower(destination.AsSpan(0, length)));
        Assert.Equal("legacy", request.HeaderFormat);
        Assert.Equal(MD5Hex(request.BodyKey), Convert.ToHexStringLower(request.ResponseBodyKey));
        Assert.Equal(MD5Hex(request.BodyIV), Convert.ToHexStringLower(request.ResponseBodyIV));
        Assert.True(length <= new LegacyHeaderClient(TimeProvider.System).GetMaxRequestLength(RequestVectors.Request(vector)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadRequest_V2RayHeader_DecodesFieldsAndLegacyResponseKeys(string name)
    {
        var vector = Vectors.Named("request_header_legacy.json", name);
        var expected = RequestVectors.Request(vector);
        var wire = vector.Hex("sealed");
        using var server = LegacyKit.Server(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime)), true, RequestVectors.User(vector.GetProperty("inputs")));
        var request = new VMessRequest();

        var result = server.ReadRequest(wire, request);

        Assert.Equal(VMessHeaderStatus.Accepted, result.Status);
        Assert.Equal(wire.Length, result.BytesConsumed);
        Assert.Equal(expected.Destination, request.Destination);
        Assert.Equal(expected.Command, request.Command);
        Assert.Equal(expected.Options, request.Options);
        Assert.Equal(expected.Security, request.Security);
        Assert.Equal(expected.BodyKey, request.BodyKey);
        Assert.Equal(expected.BodyIV, request.BodyIV);
        Assert.Equal(expected.ResponseAuth, request.ResponseAuth);
        Assert.Equal("alice@test", request.User?.Email);
        Assert.Equal("legacy", request.HeaderFormat);
        Assert.Equal(MD5Hex(expected.BodyKey), Convert.ToHexStringLower(request.ResponseBodyKey));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadRequest_EveryTruncation_AsksForMoreWithinTheHeader(string name)
    {
        var vector = Vectors.Named("request_header_legacy.json", name);
        var wire = vector.Hex("sealed");
        using var server = LegacyKit.Server(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime)), true, RequestVectors.User(vector.GetProperty("inputs")));

        for (var length = 0; length < wire.Length; length++)
        {
            var result = server.ReadRequest(wire.AsSpan(0, length), new VMessRequest());
            Assert.Equal(VMessHeaderStatus.NeedMoreData, result.Status);
            Assert.InRange(result.BytesNeeded, length + 1, wire.Length);
        }

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(wire, new VMessRequest()).Status);
    }

    private static string MD5Hex(byte[] value) => Convert.ToHexStringLower(VMessResponseKeys.ForLegacyHeader(value));
}
