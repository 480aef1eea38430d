using System.Globalization;
using System.Text.Json;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Management;

/// <summary>The JSON of the users endpoints: <c>{inbound, email, id?, level?}</c> in, users and inbounds out.</summary>
internal static class UserJson
{
    /// <summary>Reads the body of <c>POST /users</c>; <see cref="AddUserBody.Error"/> says what is wrong with it.</summary>
    public static async Task<AddUserBody> ReadAddAsync(Stream body, int maxBytes)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                return AddUserBody.Invalid($"the body is larger than {maxBytes} bytes");
            }

            copy.Write(buffer, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(copy.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return AddUserBody.Invalid("the body must be a JSON object: {\"inbound\": TAG, \"email\": EMAIL, \"id\"?: UUID, \"level\"?: N}");
            }

            var inbound = Text(root, "inbound");
            var email = Text(root, "email");
            var id = Text(root, "id");
            if (string.IsNullOrEmpty(inbound) || string.IsNullOrEmpty(email))
            {
                return AddUserBody.Invalid("\"inbound\" and \"email\" are required strings");
            }

            uint level = 0;
            if (Find(root, "level") is { } levelValue && !TryLevel(levelValue, out level))
            {
                return AddUserBody.Invalid($"\"level\" must be a whole number from 0 to {uint.MaxValue}");
            }

            return new AddUserBody(inbound, email, string.IsNullOrEmpty(id) ? null : id, level, null);
        }
        catch (JsonException ex)
        {
            return AddUserBody.Invalid($"the body is not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            return AddUserBody.Invalid("\"inbound\", \"email\" and \"id\" must be strings");
        }
    }

    public static void WriteInbounds(Utf8JsonWriter json, IReadOnlyList<InboundUsers> inbounds)
    {
        json.WriteStartArray("inbounds");
        foreach (var inbound in inbounds)
        {
            json.WriteStartObject();
            json.WriteString("tag", inbound.Tag);
            json.WriteString("protocol", inbound.Protocol);
            json.WriteStartArray("users");
            foreach (var user in inbound.Users)
            {
                json.WriteStartObject();
                WriteUserFields(json, user);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteUserFields(Utf8JsonWriter json, UserInfo user)
    {
        json.WriteString("email", user.Email);
        json.WriteString("id", user.Id);
        json.WriteNumber("level", user.Level);
    }

    // Keys match case-insensitively, as in the config.
    private static JsonElement? Find(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement root, string name) =>
        Find(root, name) is { ValueKind: not JsonValueKind.Null } value ? value.GetString() : null;

    private static bool TryLevel(JsonElement value, out uint level) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetUInt32(out level),
        JsonValueKind.String => uint.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out level),
        _ => (level = 0) == 1,
    };
}
