using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Links;

/// <summary>The transport part of a link, from an outbound's <c>streamSettings</c>.</summary>
internal static class OutboundStreamReader
{
    /// <returns>A link with only the transport fields set, or null after reporting why it cannot be linked.</returns>
    public static VMessLink? Read(SettingsReader stream)
    {
        var network = (stream.GetString("network") ?? "tcp").Trim().ToLowerInvariant();
        if (!VMessLinkNames.Networks.Contains(network))
        {
            stream.Error("network", $"\"{network}\" cannot be put in a link here (only {VMessLinkNames.Quote(VMessLinkNames.Networks)})");
            return null;
        }

        var headerType = stream.Child("tcpSettings").Child("header").GetString("type") ?? "none";
        if (network == "tcp" && !headerType.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            stream.Child("tcpSettings").Child("header").Error("type", $"\"{headerType}\" header obfuscation cannot be put in a link (only \"none\")");
            return null;
        }

        var security = (stream.GetString("security") ?? "").Trim().ToLowerInvariant();
        if (security is not ("" or "none" or "tls"))
        {
            stream.Error("security", $"\"{security}\" cannot be put in a link (only \"tls\" or none)");
            return null;
        }

        var ws = stream.Child("wsSettings");
        var tls = security == "tls";
        return new VMessLink
        {
            Name = "",
            Address = "",
            Port = 0,
            Id = "",
            Network = network,
            Host = network == "ws" ? ws.Child("headers").GetString("Host") ?? "" : "",
            Path = network == "ws" ? ws.GetString("path") ?? "" : "",
            Tls = tls,
            ServerName = tls ? stream.Child("tlsSettings").GetString("serverName") ?? "" : "",
        };
    }
}
