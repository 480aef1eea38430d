using System.Text.Json;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>Builds requests, users and random inputs from a legacy request header vector.</summary>
internal static class RequestVectors
{
    public static VMessUser User(JsonElement inputs) =>
        LegacyKit.User(inputs.GetProperty("uuid").GetString()!, inputs.GetProperty("alter_id_count").GetInt32());

    /// <summary>The request of <paramref name="vector"/>; <paramref name="inputs"/> when they sit elsewhere (full sessions).</summary>
    public static VMessRequest Request(JsonElement vector, JsonElement? inputs = null)
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
                Address.Parse(fields.GetProperty("address").GetString()!),
                fields.GetProperty("port").GetUInt16(),
                command == VMessCommand.Udp ? Network.Udp : Network.Tcp),
            PaddingLength = fields.GetProperty("padding_len").GetInt32(),
            User = User(inputs ?? vector.GetProperty("inputs")),
        };
    }

    public static LegacyRequestRandomness Randomness(JsonElement vector)
    {
        var random = vector.GetProperty("random_values");
        return new LegacyRequestRandomness(
            random.GetProperty("timestamp").GetInt64(),
            random.GetProperty("auth_id_used_index").GetInt32(),
            vector.GetProperty("plaintext_fields").Hex("padding"));
    }
}
