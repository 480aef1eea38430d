using System.Text.Json;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

/// <summary>Builds requests and users from request_header_aead.json vectors.</summary>
internal static class RequestVectors
{
    public const long FixedTime = 1700000000;

    public static JsonElement[] All() => [.. Vectors.Load("request_header_aead.json").GetProperty("vectors").EnumerateArray()];

    public static JsonElement Named(string name) => All().Single(v => v.GetProperty("name").GetString() == name);

    public static VMessUser User(JsonElement vector, string? email = "alice@example.com")
    {
        Assert.True(VMessId.TryParse(vector.GetProperty("inputs").GetProperty("uuid").GetString(), out var id));
        return new VMessUser(id, email, 0, 0);
    }

    public static VMessRequest Request(JsonElement vector)
    {
        var fields = vector.GetProperty("plaintext_fields");
        var command = (VMessCommand)fields.GetProperty("command").GetByte();
        return new VMessRequest
        {
            Version = fields.GetProperty("version").GetByte(),
            BodyIV = fields.Hex("body_iv"),
            BodyKey = fields.Hex("body_key"),
            ResponseAuth = fields.Hex("response_auth")[0],
            Options = (VMessRequestOptions)Convert.ToByte(fields.GetProperty("options").GetString(), 16),
            Security = fields.GetProperty("security").GetByte(),
            Command = command,
            Destination = new Destination(
                Address.Parse(fields.TryGetProperty("address", out var address) ? address.GetString()! : "v1.mux.cool"),
                fields.TryGetProperty("port", out var port) ? port.GetUInt16() : (ushort)0,
                command == VMessCommand.Udp ? Network.Udp : Network.Tcp),
            PaddingLength = fields.GetProperty("padding_len").GetInt32(),
            User = User(vector),
        };
    }

    public static byte[] Padding(JsonElement vector) => vector.GetProperty("plaintext_fields").Hex("padding");
}
