using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>Reads <c>streamSettings.wsSettings</c> as V2Ray 4.34 does.</summary>
internal static class WebSocketSettingsReader
{
    // Headers the handshake owns; V2Ray fails every dial when a config sets them.
    private static readonly string[] ReservedHeaders =
        ["Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions"];

    public static WebSocketSettings? Read(SettingsReader streamSettings, bool isServer)
    {
        var ws = streamSettings.Child("wsSettings");
        ws.WarnUnknownKeys("path", "headers", "acceptProxyProtocol", "maxEarlyData", "earlyDataHeaderName");
        var errorsBefore = CountErrors(ws);

        // IConfiguration keys are case-insensitive, so V2Ray's legacy "Path" alias is read here too.
        var path = ws.GetString("path") ?? "";
        path = path.Length == 0 ? "/" : path[0] == '/' ? path : "/" + path;
        // A client sends the path raw in the request line; a server only compares it decoded.
        if (!isServer && path.Any(c => c <= ' ' || c == 0x7f))
        {
            ws.Error("path", "must not contain spaces or control characters (percent-encode them)");
        }

        if (ws.GetBool("acceptProxyProtocol", false))
        {
            ws.Warning("acceptProxyProtocol", "the PROXY protocol is not supported; connections are read as plain HTTP");
        }

        foreach (var key in (string[])["maxEarlyData", "earlyDataHeaderName"])
        {
            if (ws.Has(key))
            {
                ws.Warning(key, "early data is not supported (V2Ray 4.34 ignores it too)");
            }
        }

        string? host = null;
        var headers = new List<KeyValuePair<string, string>>();
        var headerSection = ws.Child("headers");
        if (isServer && headerSection.Section.GetChildren().Any())
        {
            ws.Warning("headers", "only applies to a client and is ignored here");
        }

        foreach (var header in headerSection.Section.GetChildren())
        {
            ReadHeader(headerSection, header.Key, ref host, headers);
        }

        return CountErrors(ws) > errorsBefore ? null : new WebSocketSettings { Path = path, HostHeader = host, Headers = headers };
    }

    private static void ReadHeader(SettingsReader section, string name, ref string? host, List<KeyValuePair<string, string>> headers)
    {
        var value = section.GetString(name);
        if (value is null)
        {
            return;
        }

        if (name.Length == 0 || name.Any(c => c <= ' ' || c == ':' || c >= 0x7f) || value.Any(c => c is '\r' or '\n'))
        {
            section.Error(name, "is not a valid HTTP header");
        }
        else if (ReservedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            section.Error(name, "is set by the WebSocket handshake and cannot be configured");
        }
        else if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
        {
            host = value;
        }
        else
        {
            headers.Add(new(name, value));
        }
    }

    private static int CountErrors(SettingsReader reader) =>
        reader.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
}
