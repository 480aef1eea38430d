using System.Text;

namespace VMessPlugins.Plugins.Http;

/// <summary>Parses an HTTP/1.x request head (everything up to the blank line).</summary>
internal static class HttpHeadParser
{
    /// <summary>The index just past <c>\r\n\r\n</c> in <paramref name="data"/>, or -1.</summary>
    public static int FindEndOfHead(ReadOnlySpan<byte> data)
    {
        var index = data.IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : index + 4;
    }

    /// <summary>Parses <paramref name="head"/> (ending with the blank line); null when it is not a valid request.</summary>
    public static HttpRequestHead? Parse(ReadOnlySpan<byte> head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0].Length == 0 || requestLine[1].Length == 0
            || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.AsSpan(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(' ', '\t'))
            {
                return null;
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
    }
}
