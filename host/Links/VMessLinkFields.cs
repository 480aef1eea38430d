using System.Globalization;
using System.Text.Json;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Host.Links;

/// <summary>Reads and checks each field of a decoded link, collecting one error line per bad field.</summary>
internal sealed class VMessLinkFields
{
    private readonly JsonElement _root;
    private readonly List<string> _errors = [];

    public VMessLinkFields(JsonElement root) => _root = root;

    public IReadOnlyList<string> Errors => _errors;

    public VMessLink? Read()
    {
        ReadVersion();
        var address = ReadAddress();
        var port = ReadNumber("port", required: true, min: 1, "a port number", fallback: 0);
        var id = ReadId();
        var alterId = ReadNumber("aid", required: false, min: 0, "an alterId (0 to 65535)", fallback: 0);
        var security = ReadChoice("scy", "auto", VMessLinkNames.Securities);
        var network = ReadChoice("net", "tcp", VMessLinkNames.Networks);
        ReadHeaderType();
        var tls = ReadTls();
        if (_errors.Count > 0 || address is null || id is null)
        {
            return null;
        }

        var ws = network == "ws";
        return new VMessLink
        {
            Name = (Text("ps") ?? "").Trim(),
            Address = address,
            Port = port,
            Id = id,
            AlterId = alterId,
            Security = security,
            Network = network,
            // A tcp link's host and path mean nothing without header obfuscation; v2rayN fills them anyway.
            Host = ws ? (Text("host") ?? "").Trim() : "",
            Path = ws ? (Text("path") ?? "").Trim() : "",
            Tls = tls,
            ServerName = tls ? (Text("sni") ?? "").Trim() : "",
        };
    }

    private void ReadVersion()
    {
        var text = Text("v");
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "2")
        {
            return;
        }

        Error("v", text.Trim() == "1"
            ? "version 1 links (host and path joined in \"host\") are not supported; export a version 2 link"
            : $"\"{text}\" is not a link version (2)");
    }

    private string? ReadAddress()
    {
        var text = Required("add");
        if (text is null)
        {
            return null;
        }

        var address = text.Length > 2 && text[0] == '[' && text[^1] == ']' ? text[1..^1] : text;
        if (!Address.TryParse(address, out _))
        {
            Error("add", $"\"{text}\" is not a host name or IP address");
            return null;
        }

        return address;
    }

    private string? ReadId()
    {
        var text = Required("id");
        if (text is null)
        {
            return null;
        }

        if (!Guid.TryParseExact(text, "D", out var id))
        {
            Error("id", $"\"{text}\" is not a UUID such as \"b831381d-6324-4d53-ad4f-8cda48b30811\"");
            return null;
        }

        return id.ToString("D");
    }

    private int ReadNumber(string field, bool required, int min, string what, int fallback)
    {
        var text = required ? Required(field) : Text(field)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > 65535)
        {
            Error(field, $"\"{text}\" is not {what}");
            return fallback;
        }

        return value;
    }

    private string ReadChoice(string field, string fallback, string[] allowed)
    {
        var text = Text(field)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        var value = text.ToLowerInvariant();
        if (!allowed.Contains(value))
        {
            Error(field, $"\"{text}\" is not supported (one of {VMessLinkNames.Quote(allowed)})");
            return fallback;
        }

        return value;
    }

    private void ReadHeaderType()
    {
        var text = Text("type")?.Trim();
        if (!string.IsNullOrEmpty(text) && !text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            Error("type", $"\"{text}\" header obfuscation is not supported (only \"none\")");
        }
    }

    private bool ReadTls()
    {
        var text = Text("tls")?.Trim();
        if (string.IsNullOrEmpty(text) || text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (text.Equals("tls", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Error("tls", $"\"{text}\" is not supported (\"tls\" or empty)");
        return false;
    }

    private string? Required(string field)
    {
        if (!_root.TryGetProperty(field, out _) || _root.GetProperty(field).ValueKind == JsonValueKind.Null)
        {
            Error(field, "is missing");
            return null;
        }

        var text = Text(field)?.Trim();
        if (text is { Length: 0 })
        {
            Error(field, "is empty");
            return null;
        }

        return text; // null: the wrong JSON kind, already reported
    }

    // A string or number field as text; null when absent. Other JSON kinds are an error.
    private string? Text(string field)
    {
        if (!_root.TryGetProperty(field, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.Null:
                return null;
            default:
                // Reported once even when a field is read twice.
                Error(field, $"must be a string or a number, not {value.ValueKind.ToString().ToLowerInvariant()}");
                return null;
        }
    }

    private void Error(string field, string message)
    {
        var line = $"link: field \"{field}\": {message}";
        if (!_errors.Contains(line))
        {
            _errors.Add(line);
        }
    }
}
