namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>Decides the answer to a request the way V2Ray 4.34 (gorilla/websocket) does, in the same order.</summary>
internal static class UpgradeRequestRules
{
    public static UpgradeDecision Decide(HttpHead? request, string configuredPath)
    {
        if (request is null || !request.Third.StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return UpgradeDecision.BadRequest;
        }

        if (DecodedPath(request.Second) is not { } path)
        {
            return UpgradeDecision.BadRequest;
        }

        if (!string.Equals(path, configuredPath, StringComparison.Ordinal))
        {
            return UpgradeDecision.NotFound;
        }

        if (!request.HasToken("Connection", "upgrade") || !request.HasToken("Upgrade", "websocket"))
        {
            return UpgradeDecision.BadRequest;
        }

        if (request.First != "GET")
        {
            return UpgradeDecision.MethodNotAllowed;
        }

        return request.HasToken("Sec-WebSocket-Version", "13") && WebSocketAccept.IsValidKey(request.Get("Sec-WebSocket-Key"))
            ? UpgradeDecision.Upgrade
            : UpgradeDecision.BadRequest;
    }

    /// <summary>The percent-decoded path of a request target, without its query; null when malformed.</summary>
    public static string? DecodedPath(string target)
    {
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var authorityStart = target.IndexOf("//", StringComparison.Ordinal) + 2;
            var pathStart = target.IndexOf('/', authorityStart);
            target = pathStart < 0 ? "/" : target[pathStart..];
        }

        if (target.Length == 0 || target[0] != '/')
        {
            return null;
        }

        var query = target.IndexOf('?');
        var raw = query < 0 ? target : target[..query];
        return HasValidEscapes(raw) ? Uri.UnescapeDataString(raw) : null;
    }

    private static bool HasValidEscapes(string raw)
    {
        for (var i = raw.IndexOf('%'); i >= 0; i = raw.IndexOf('%', i + 1))
        {
            if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
            {
                return false;
            }
        }

        return true;
    }
}
