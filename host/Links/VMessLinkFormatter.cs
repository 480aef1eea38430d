using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VMessPlugins.Host.Links;

/// <summary>Writes a link the way v2rayN does: every value a string, standard padded base64.</summary>
internal static class VMessLinkFormatter
{
    public static string Format(VMessLink link)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps non-ASCII names readable to clients that show the raw JSON.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("v", "2");
            json.WriteString("ps", link.Name);
            json.WriteString("add", link.Address);
            json.WriteString("port", link.Port.ToString(CultureInfo.InvariantCulture));
            json.WriteString("id", link.Id);
            json.WriteString("aid", link.AlterId.ToString(CultureInfo.InvariantCulture));
            json.WriteString("scy", link.Security);
            json.WriteString("net", link.Network);
            json.WriteString("type", "none");
            json.WriteString("host", link.Host);
            json.WriteString("path", link.Path);
            json.WriteString("tls", link.Tls ? "tls" : "");
            json.WriteString("sni", link.ServerName);
            json.WriteEndObject();
        }

        return VMessLinkNames.Scheme + Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
