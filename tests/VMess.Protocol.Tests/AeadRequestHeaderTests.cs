using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Aead;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class AeadRequestHeaderTests
{
    public static TheoryData<string> Names() => [.. RequestVectors.All().Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Names))]
    public void WriteRequest_VectorRandomInputs_GivesTheSealedBytes(string name)
    {
        var vector = RequestVectors.Named(name);
        var request = RequestVectors.Request(vector);
        var destination = new byte[512];

        var length = AeadHeaderClient.WriteRequest(request, destination, Randomness(vector));

        Assert.Equal(vector.GetProperty("sealed").GetString(), Convert.ToHexStringLower(destination.AsSpan(0, length)));
        Assert.Equal("aead", request.HeaderFormat);
        Assert.True(length <= new AeadHeaderClient(TimeProvider.System).GetMaxRequestLength(request));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadRequest_VectorSealedBytes_AcceptsWithTheFields(string name)
    {
        var vector = RequestVectors.Named(name);
        var expected = RequestVectors.Request(vector);
        var user = RequestVectors.User(vector);
        var (server, _) = AeadTestServer.Create(user);
        var sealedBytes = vector.Hex("sealed");
        var request = new VMessRequest();

        var result = server.ReadRequest(sealedBytes, request);

        Assert.Equal(VMessHeaderReadResult.Accept(sealedBytes.Length), result);
        Assert.Same(user, request.User);
        Assert.Equal(expected.Destination, request.Destination);
        Assert.Equal(expected.Command, request.Command);
        Assert.Equal(expected.Security, request.Security);
        Assert.Equal(expected.Options, request.Options);
        Assert.Equal(expected.BodyKey, request.BodyKey);
        Assert.Equal(expected.BodyIV, request.BodyIV);
        Assert.Equal(expected.ResponseAuth, request.ResponseAuth);
        Assert.Equal("aead", request.HeaderFormat);
    }

    [Fact]
    public void WriteRequest_VectorDerivedValues_MatchTheKdf()
    {
        var vector = RequestVectors.Named("tcp-domain-aes128gcm");
        var derived = vector.GetProperty("derived");
        var keys = new RequestHeaderKeys(vector.Hex("cmd_key"), vector.GetProperty("authid").Hex("auth_id"),
            vector.GetProperty("random_values").Hex("connection_nonce"));

        Assert.Equal(derived.Hex("length_key"), keys.LengthKey);
        Assert.Equal(derived.Hex("length_nonce"), keys.LengthNonce);
        Assert.Equal(derived.Hex("payload_key"), keys.PayloadKey);
        Assert.Equal(derived.Hex("payload_nonce"), keys.PayloadNonce);
    }

    [Fact]
    public void WriteRequest_ThenReadRequest_RoundTripsWithFreshRandomness()
    {
        var vector = RequestVectors.Named("tcp-domain-aes128gcm");
        var (server, clock) = AeadTestServer.Create(RequestVectors.User(vector));
        var client = new AeadHeaderClient(clock);
        var sent = RequestVectors.Request(vector);
        var buffer = new byte[client.GetMaxRequestLength(sent)];

        var length = client.WriteRequest(sent, buffer);
        var received = new VMessRequest();

        Assert.Equal(VMessHeaderReadResult.Accept(length), server.ReadRequest(buffer.AsSpan(0, length), received));
        Assert.Equal(sent.ResponseBodyKey, received.ResponseBodyKey);
        Assert.Equal(sent.ResponseBodyIV, received.ResponseBodyIV);
        Assert.Equal(sent.Destination, received.Destination);
    }

    internal static RequestRandomness Randomness(System.Text.Json.JsonElement vector)
    {
        var random = vector.GetProperty("random_values");
        return new RequestRandomness(
            random.GetProperty("authid_time").GetInt64(),
            random.Hex("authid_random4"),
            random.Hex("connection_nonce"),
            RequestVectors.Padding(vector));
    }
}
