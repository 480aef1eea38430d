using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

public sealed class ResponseHeaderVectorTests
{
    public static TheoryData<string> Names() =>
    [
        .. Vectors.Load("response_header.json").GetProperty("vectors").EnumerateArray()
            .Where(v => v.GetProperty("header_mode").GetString() == "legacy")
            .Select(v => v.GetProperty("name").GetString()!),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void WriteResponse_VectorCommand_ProducesV2RayBytes(string name)
    {
        var vector = Vectors.Named("response_header.json", name);
        var plaintext = vector.Hex("plaintext");
        var response = new VMessResponse { CommandId = plaintext[2], Command = plaintext[4..] };
        using var server = LegacyKit.Server(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LegacyKit.FixedTime)));
        var request = Request(vector, security: 3);
        var destination = new byte[server.GetResponseLength(response)];

        var length = server.WriteResponse(request, response, destination);

        Assert.Equal(vector.GetProperty("sealed").GetString(), Convert.ToHexStringLower(destination.AsSpan(0, length)));
        Assert.Null(request.ResponseStreamContinuation);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ReadResponse_V2RayBytes_DecodesSwitchAccount(string name)
    {
        var vector = Vectors.Named("response_header.json", name);
        var wire = vector.Hex("sealed");
        var request = Request(vector, security: 3);
        var response = new VMessResponse();
        var client = new LegacyHeaderClient(TimeProvider.System);

        for (var length = 0; length < wire.Length; length++)
        {
            Assert.Equal(VMessHeaderStatus.NeedMoreData, client.ReadResponse(wire.AsSpan(0, length), request, response).Status);
        }

        var result = client.ReadResponse(wire, request, response);

        Assert.Equal(VMessHeaderStatus.Accepted, result.Status);
        Assert.Equal(wire.Length, result.BytesConsumed);
        var command = vector.GetProperty("command");
        if (!command.TryGetProperty("port", out var port))
        {
            Assert.Empty(response.Command);
            return;
        }

        Assert.True(SwitchAccountCodec.TryDecode(response.Command, out var decoded));
        Assert.Equal(port.GetUInt16(), decoded.Port);
        Assert.Equal(command.GetProperty("host").GetString() ?? "", decoded.Host);
        Assert.Equal(LegacyKit.Id(command.GetProperty("id").GetString()!), decoded.Id);
        Assert.Equal(command.GetProperty("alter_ids").GetUInt16(), decoded.AlterIds);
        Assert.Equal(command.GetProperty("level").GetByte(), decoded.Level);
        Assert.Equal(command.GetProperty("valid_min").GetByte(), decoded.ValidMinutes);
    }

    [Fact]
    public void ReadResponse_WrongAuthByte_Rejects()
    {
        var vector = Vectors.Named("response_header.json", "legacy-nocmd");
        var request = Request(vector, security: 3);
        request.ResponseAuth ^= 0xff;

        var result = new LegacyHeaderClient(TimeProvider.System).ReadResponse(vector.Hex("sealed"), request, new VMessResponse());

        Assert.Equal(VMessHeaderStatus.Rejected, result.Status);
    }

    private static VMessRequest Request(System.Text.Json.JsonElement vector, byte security) => new()
    {
        BodyKey = vector.Hex("request_body_key"),
        BodyIV = vector.Hex("request_body_iv"),
        ResponseBodyKey = vector.Hex("response_body_key"),
        ResponseBodyIV = vector.Hex("response_body_iv"),
        ResponseAuth = vector.Hex("response_auth")[0],
        Security = security,
    };
}
