using System.Globalization;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Plugins.Freedom;

/// <summary>Reads freedom's settings the way V2Ray 4.34 does, reporting each problem at its JSON path.</summary>
internal static class FreedomSettingsReader
{
    public static FreedomSettings? Read(SettingsReader settings)
    {
        settings.WarnUnknownKeys("domainStrategy", "redirect", "userLevel", "timeout");
        var errorsBefore = settings.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
        var strategy = ReadStrategy(settings);
        var userLevel = (uint)settings.GetInt64("userLevel", 0, 0, uint.MaxValue);
        if (settings.GetInt32("timeout", 0, 0) > 0)
        {
            settings.Warning("timeout", "is deprecated and not applied; use policy.levels.N.connIdle");
        }

        var (redirectAddress, redirectPort) = ReadRedirect(settings);
        var errorsAfter = settings.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
        return errorsAfter > errorsBefore
            ? null
            : new FreedomSettings { DomainStrategy = strategy, RedirectAddress = redirectAddress, RedirectPort = redirectPort, UserLevel = userLevel };
    }

    private static DomainStrategy ReadStrategy(SettingsReader settings)
    {
        var text = settings.GetString("domainStrategy");
        if (text is null)
        {
            return DomainStrategy.AsIs;
        }

        switch (text.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
        {
            case "asis":
                return DomainStrategy.AsIs;
            case "useip":
                return DomainStrategy.UseIP;
            case "useipv4" or "useip4":
                return DomainStrategy.UseIPv4;
            case "useipv6" or "useip6":
                return DomainStrategy.UseIPv6;
            default:
                settings.Warning("domainStrategy", $"\"{text}\" is unknown and means AsIs (expected AsIs, UseIP, UseIPv4 or UseIPv6)");
                return DomainStrategy.AsIs;
        }
    }

    private static (Address? Address, ushort Port) ReadRedirect(SettingsReader settings)
    {
        var text = settings.GetString("redirect");
        if (string.IsNullOrEmpty(text))
        {
            return (null, 0);
        }

        var colon = text.LastIndexOf(':');
        var closingBracket = text.LastIndexOf(']');
        if (colon < 0 || colon < closingBracket)
        {
            settings.Error("redirect", $"must be \"host:port\"; \"{text}\" has no port");
            return (null, 0);
        }

        var host = text[..colon];
        if (!ushort.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            settings.Error("redirect", $"has an invalid port in \"{text}\" (expected 0-65535)");
            return (null, 0);
        }

        if (host.Length == 0)
        {
            return (null, port);
        }

        if (!Address.TryParse(host, out var address))
        {
            settings.Error("redirect", $"has an invalid host in \"{text}\"");
            return (null, 0);
        }

        return (address, port);
    }
}
