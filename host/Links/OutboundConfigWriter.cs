using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VMessPlugins.Host.Links;

/// <summary>Writes the <c>outbounds[]</c> entry that connects where a link points.</summary>
internal static class OutboundConfigWriter
{
    public const string DefaultTag = "proxy";

    public static string Write(VMessLink link)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tag", link.Name.Length > 0 ? link.Name : DefaultTag);
            json.WriteString("protocol", "vmess");
            WriteSettings(json, link);
            WriteStreamSettings(json, link);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteSettings(Utf8JsonWriter json, VMessLink link)
    {
        json.WriteStartObject("settings");
        json.WriteStartArray("vnext");
        json.WriteStartObject();
        json.WriteString("address", link.Address);
        json.WriteNumber("port", link.Port);
        json.WriteStartArray("users");
        json.WriteStartObject();
        json.WriteString("id", link.Id);
        json.WriteNumber("alterId", link.AlterId);
        json.WriteString("security", link.Security);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStreamSettings(Utf8JsonWriter json, VMessLink link)
    {
        json.WriteStartObject("streamSettings");
        json.WriteString("network", link.Network);
        json.WriteString("security", link.Tls ? "tls" : "none");
        if (link.Network == "ws" && (link.Path.Length > 0 || link.Host.Length > 0))
        {
            json.WriteStartObject("wsSettings");
            if (link.Path.Length > 0)
            {
                json.WriteString("path", link.Path);
            }

            if (link.Host.Length > 0)
            {
                json.WriteStartObject("headers");
                json.WriteString("Host", link.Host);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (link.Tls && link.ServerName.Length > 0)
        {
            json.WriteStartObject("tlsSettings");
            json.WriteString("serverName", link.ServerName);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
