namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>A parsed HTTP/1.x head: the start line split in three, and the header fields in order.</summary>
internal sealed class HttpHead
{
    private HttpHead(string first, string second, string third, List<KeyValuePair<string, string>> headers)
    {
        First = first;
        Second = second;
        Third = third;
        Headers = headers;
    }

    /// <summary>Request: the method. Response: the version.</summary>
    public string First { get; }

    /// <summary>Request: the target. Response: the status code.</summary>
    public string Second { get; }

    /// <summary>Request: the version. Response: the reason phrase.</summary>
    public string Third { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Parses <paramref name="text"/> (a whole head), or returns null when it is not HTTP/1.x.</summary>
    public static HttpHead? Parse(string text)
    {
        var lines = text.Split('\n');
        var start = lines[0].TrimEnd('\r').Split(' ', 3);
        if (start.Length < 2 || start[0].Length == 0 || start[1].Length == 0)
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(' ', '\t'))
            {
                return null;
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        return new HttpHead(start[0], start[1], start.Length > 2 ? start[2] : "", headers);
    }

    /// <summary>The first value of header <paramref name="name"/>, or null.</summary>
    public string? Get(string name)
    {
        foreach (var header in Headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>True when any comma-separated token of any <paramref name="name"/> header equals <paramref name="token"/>.</summary>
    public bool HasToken(string name, string token)
    {
        foreach (var header in Headers)
        {
            if (!string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var part in header.Value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (string.Equals(part, token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
