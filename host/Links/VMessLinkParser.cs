using System.Text;
using System.Text.Json;

namespace VMessPlugins.Host.Links;

/// <summary>
/// Reads vmess:// links as found in the wild: standard or URL-safe base64, padded or not, wrapped or
/// surrounded by whitespace, with numbers or strings for port, aid and v.
/// </summary>
internal static class VMessLinkParser
{
    public static VMessLinkParseResult Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return Failed("link: is empty");
        }

        if (!trimmed.StartsWith(VMessLinkNames.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            var shown = trimmed.Length > 16 ? trimmed[..16] + "..." : trimmed;
            return Failed($"link: must start with \"{VMessLinkNames.Scheme}\", not \"{shown}\"");
        }

        if (Decode(trimmed[VMessLinkNames.Scheme.Length..]) is not { } bytes)
        {
            return Failed($"link: the text after \"{VMessLinkNames.Scheme}\" is not base64");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return Failed("link: the decoded text is not JSON (this host reads v2rayN's JSON links only)");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Failed("link: the decoded JSON is not an object");
            }

            var fields = new VMessLinkFields(document.RootElement);
            var link = fields.Read();
            return new VMessLinkParseResult(fields.Errors.Count == 0 ? link : null, fields.Errors);
        }
    }

    private static VMessLinkParseResult Failed(string error) => new(null, [error]);

    private static byte[]? Decode(string payload)
    {
        var base64 = new StringBuilder(payload.Length + 3);
        foreach (var c in payload)
        {
            switch (c)
            {
                case '-':
                    base64.Append('+');
                    break;
                case '_':
                    base64.Append('/');
                    break;
                case '=':
                    break; // re-padded below
                default:
                    if (!char.IsWhiteSpace(c))
                    {
                        base64.Append(c);
                    }

                    break;
            }
        }

        if (base64.Length == 0 || base64.Length % 4 == 1)
        {
            return null;
        }

        base64.Append('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[base64.Length / 4 * 3];
        if (!Convert.TryFromBase64String(base64.ToString(), bytes, out var written))
        {
            return null;
        }

        // Links made on Windows sometimes begin with a byte order mark.
        var utf8 = bytes.AsSpan(0, written);
        return (utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8).ToArray();
    }
}
