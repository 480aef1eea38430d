using System.Net;
using System.Text;

namespace VMessPlugins.Host.Management.Http;

/// <summary>
/// The parsed head of an HTTP/1.x request: request line and the few headers the API needs. Anything it
/// cannot read is an error with the status to answer, never an exception.
/// </summary>
internal sealed record RequestHead(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? Authorization,
    long ContentLength,
    bool ExpectsContinue)
{
    private static readonly Encoding s_latin1 = Encoding.Latin1;

    /// <summary>Parses <paramref name="head"/> (everything before the blank line, without it).</summary>
    public static bool TryParse(ReadOnlySpan<byte> head, out RequestHead? parsed, out HttpStatusCode errorStatus, out string error)
    {
        parsed = null;
        errorStatus = HttpStatusCode.BadRequest;
        var lines = s_latin1.GetString(head).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0].Length == 0 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            error = "the request line is not \"METHOD TARGET HTTP/1.x\"";
            return false;
        }

        if (!TrySplitTarget(requestLine[1], out var path, out var query))
        {
            error = $"cannot read the request target \"{requestLine[1]}\"";
            return false;
        }

        string? authorization = null;
        long contentLength = 0;
        var expectsContinue = false;
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = "a header line has no name";
                return false;
            }

            var name = lines[i][..colon].Trim();
            var value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                authorization = value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out contentLength))
                {
                    error = $"Content-Length \"{value}\" is not a number";
                    return false;
                }
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                errorStatus = HttpStatusCode.LengthRequired;
                error = "send the body with a Content-Length (Transfer-Encoding is not served)";
                return false;
            }
            else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
            {
                expectsContinue = value.Equals("100-continue", StringComparison.OrdinalIgnoreCase);
            }
        }

        parsed = new RequestHead(requestLine[0], path, query, authorization, contentLength, expectsContinue);
        error = "";
        return true;
    }

    // Origin form ("/users?inbound=x") or absolute form ("http://host:port/users?inbound=x").
    private static bool TrySplitTarget(string target, out string path, out IReadOnlyDictionary<string, string> query)
    {
        path = "";
        query = new Dictionary<string, string>();
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var absolute))
            {
                return false;
            }

            target = absolute.PathAndQuery;
        }

        if (!target.StartsWith('/'))
        {
            return false;
        }

        var mark = target.IndexOf('?', StringComparison.Ordinal);
        path = Uri.UnescapeDataString(mark < 0 ? target : target[..mark]);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mark >= 0)
        {
            foreach (var pair in target[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Decode(equals < 0 ? pair : pair[..equals]);
                // A bare name ("?reset") is a flag that is on.
                parameters[name] = equals < 0 ? "true" : Decode(pair[(equals + 1)..]);
            }
        }

        query = parameters;
        return true;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));
}
