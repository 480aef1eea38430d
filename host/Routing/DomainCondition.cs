using System.Text.RegularExpressions;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Routing;

/// <summary>V2Ray's domain patterns: plain substring, <c>keyword:</c>, <c>domain:</c>, <c>full:</c>, <c>regexp:</c>.</summary>
internal sealed class DomainCondition(IReadOnlyList<Func<string, bool>> patterns) : IRuleCondition
{
    public bool Matches(SessionContext session, Destination destination)
    {
        if (destination.Address.Domain is not { } domain)
        {
            return false;
        }

        foreach (var pattern in patterns)
        {
            if (pattern(domain))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Compiles one pattern; null when its kind is not supported (geosite:, ext:).</summary>
    public static Func<string, bool>? Compile(string pattern)
    {
        var colon = pattern.IndexOf(':');
        var kind = colon < 0 ? "" : pattern[..colon].ToLowerInvariant();
        var value = colon < 0 ? pattern : pattern[(colon + 1)..];
        return kind switch
        {
            "" or "keyword" => d => d.Contains(value, StringComparison.OrdinalIgnoreCase),
            "domain" => d => d.Equals(value, StringComparison.OrdinalIgnoreCase)
                || (d.Length > value.Length && d.EndsWith(value, StringComparison.OrdinalIgnoreCase) && d[d.Length - value.Length - 1] == '.'),
            "full" => d => d.Equals(value, StringComparison.OrdinalIgnoreCase),
            "regexp" => new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)).IsMatch,
            _ => null,
        };
    }
}
