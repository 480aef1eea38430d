using System.Text.Json;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Aead;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class AeadResponseHeaderTests
{
    public static TheoryData<string> AeadNames() =>
    [
        .. Vectors.Load("response_header.json").GetProperty("vectors").EnumerateArray()
            .Where(v => v.GetProperty("header_mode").GetString() == "AEAD")
            .Select(v => v.GetProperty("name").GetString()!),
    ];

    [Theory]
    [MemberData(nameof(AeadNames))]
    public void WriteResponse_Vector_GivesTheSealedBytes(string name)
    {
        var vector = Named(name);
        var (server, _) = AeadTestServer.Create();
        var request = Request(vector);
        var response = Response(vector);
        var destination = new byte[server.GetResponseLength(response)];

        var length = server.WriteResponse(request, response, destination);

        Assert.Equal(destination.Length, length);
        Assert.Equal(vector.GetProperty("sealed").GetString(), Convert.ToHexStringLower(destination));
    }

    [Theory]
    [MemberData(nameof(AeadNames))]
    public void Encode_Vector_GivesThePlaintextAndDerivedKeys(string name)
    {
        var vector = Named(name);
        var request = Request(vector);
        var plaintext = new byte[VMessResponseHeaderCodec.MinLength + 255];
        var length = VMessResponseHeaderCodec.Encode(request.ResponseAuth, Response(vector), plaintext);
        var sealer = new ResponseHeaderSealer(request.ResponseBodyKey, request.ResponseBodyIV);
        var derived = vector.GetProperty("derived");

        Assert.Equal(vector.GetProperty("plaintext").GetString(), Convert.ToHexStringLower(plaintext.AsSpan(0, length)));
        Assert.Equal(derived.Hex("length_key"), sealer.LengthKey);
        Assert.Equal(derived.Hex("length_nonce"), sealer.LengthNonce);
        Assert.Equal(derived.Hex("payload_key"), sealer.PayloadKey);
        Assert.Equal(derived.Hex("payload_nonce"), sealer.PayloadNonce);
    }

    [Theory]
    [MemberData(nameof(AeadNames))]
    public void ReadResponse_Vector_DecodesOptionAndCommand(string name)
    {
        var vector = Named(name);
        var sealedBytes = vector.Hex("sealed");
        var response = new VMessResponse();
        var client = new AeadHeaderAuthenticator().CreateClient();

        var result = client.ReadResponse(sealedBytes, Request(vector), response);

        Assert.Equal(VMessHeaderReadResult.Accept(sealedBytes.Length), result);
        Assert.Equal(0, response.Options);
        var expectedCommand = vector.GetProperty("client_decoded").GetProperty("command");
        if (expectedCommand.ValueKind == JsonValueKind.Null)
        {
            Assert.Empty(response.Command);
        }
        else
        {
            Assert.Equal(SwitchAccountCommand.CommandId, response.CommandId);
            Assert.True(SwitchAccountCodec.TryDecode(response.Command, out var command));
            var expected = CommandCodecTests.ToCommand(expectedCommand);
            Assert.Equal(expected with { Id = command.Id }, command);
        }
    }

    [Fact]
    public void ReadResponse_Truncated_NeedsMoreThenAccepts()
    {
        var vector = Named("aead-switchaccount");
        var sealedBytes = vector.Hex("sealed");
        var client = new AeadHeaderAuthenticator().CreateClient();
        for (var length = 0; length < sealedBytes.Length; length++)
        {
            var result = client.ReadResponse(sealedBytes.AsSpan(0, length), Request(vector), new VMessResponse());
            Assert.Equal(VMessHeaderStatus.NeedMoreData, result.Status);
            Assert.True(result.BytesNeeded > length);
        }
    }

    [Fact]
    public void ReadResponse_AnyFlippedBitOrWrongAuth_Rejects()
    {
        var vector = Named("aead-nocmd");
        var sealedBytes = vector.Hex("sealed");
        var client = new AeadHeaderAuthenticator().CreateClient();
        for (var bit = 0; bit < sealedBytes.Length * 8; bit++)
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = client.ReadResponse(tampered, Request(vector), new VMessResponse());
            Assert.True(result.Status == VMessHeaderStatus.Rejected, $"bit {bit}: {result}");
        }

        var wrongAuth = Request(vector);
        wrongAuth.ResponseAuth ^= 0xff;
        Assert.Equal(
            VMessHeaderReadResult.Reject("response header does not echo the request's auth byte V"),
            client.ReadResponse(sealedBytes, wrongAuth, new VMessResponse()));
    }

    private static JsonElement Named(string name) => Vectors.Load("response_header.json").GetProperty("vectors")
        .EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static VMessRequest Request(JsonElement vector) => new()
    {
        BodyKey = vector.Hex("request_body_key"),
        BodyIV = vector.Hex("request_body_iv"),
        ResponseBodyKey = vector.Hex("response_body_key"),
        ResponseBodyIV = vector.Hex("response_body_iv"),
        ResponseAuth = vector.Hex("response_auth")[0],
    };

    private static VMessResponse Response(JsonElement vector)
    {
        var command = vector.GetProperty("command");
        return command.EnumerateObject().Any()
            ? new VMessResponse { CommandId = SwitchAccountCommand.CommandId, Command = SwitchAccountCodec.Encode(CommandCodecTests.ToCommand(command)) }
            : new VMessResponse();
    }
}
