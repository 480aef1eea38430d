using System.Globalization;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Plugins.Http;

/// <summary>Parses <c>host[:port]</c> (IPv6 in brackets) and absolute <c>http://</c> URIs.</summary>
internal static class HttpAuthority
{
    public static bool TryParse(string authority, ushort defaultPort, out Destination destination)
    {
        destination = default;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        string host;
        var port = defaultPort;
        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && colon > authority.LastIndexOf(']'))
        {
            host = authority[..colon];
            if (!ushort.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port == 0)
            {
                return false;
            }
        }
        else
        {
            host = authority;
        }

        if (port == 0 || host.Length == 0 || host.Length > 255 || host.AsSpan().ContainsAny(" /\\?#"))
        {
            return false;
        }

        destination = Destination.Tcp(Address.Parse(host), port);
        return true;
    }

    /// <summary>Splits <c>http://authority/path?query</c> into its destination and origin-form target.</summary>
    public static bool TryParseAbsoluteHttp(string target, out Destination destination, out string originForm)
    {
        destination = default;
        originForm = "/";
        const string Scheme = "http://";
        if (!target.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = target[Scheme.Length..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        if (end >= 0)
        {
            var path = rest[end..];
            var fragment = path.IndexOf('#');
            path = fragment >= 0 ? path[..fragment] : path;
            originForm = path.StartsWith('/') ? path : "/" + path;
        }

        return TryParse(authority, 80, out destination);
    }
}
