using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.Host.Plugins;

namespace VMessPlugins.Host.Configuration;

/// <summary>Resolves <c>streamSettings</c> to a transport factory and a security layer from the plugins.</summary>
internal static class StreamSettingsReader
{
    public static (StreamSettings Settings, ITransportFactory? Transport) Read(SettingsReader entry, PluginIndex index, bool isServer)
    {
        var reader = entry.Child("streamSettings");
        var network = (reader.GetString("network", "tcp") ?? "tcp").ToLowerInvariant();
        var security = (reader.GetString("security", "") ?? "").ToLowerInvariant();
        reader.WarnUnknownKeys("network", "security", "tcpSettings", "tlsSettings", "wsSettings", network + "Settings", security + "Settings");

        var transport = index.Transport(network);
        if (transport is null)
        {
            var where = reader.Has("network") ? "network" : null;
            (where is null ? entry : reader).Error(where ?? "streamSettings", $"network \"{network}\": {KnownPlugins.Hint(KnownPlugins.ForNetwork(network))}");
        }

        var layer = ReadSecurity(reader, security, index, isServer);
        var settings = new StreamSettings
        {
            Network = transport?.Network.ToLowerInvariant() ?? network,
            Security = layer is null ? "" : security,
            Reader = reader,
            SecurityLayer = layer,
        };
        return (settings, transport);
    }

    private static IConnectionLayer? ReadSecurity(SettingsReader reader, string security, PluginIndex index, bool isServer)
    {
        if (security is "" or "none")
        {
            return null;
        }

        if (index.Security(security) is { } factory)
        {
            return factory.Create(reader, isServer);
        }

        if (security == "tls")
        {
            reader.Error("security", $"security \"tls\": {KnownPlugins.Hint(KnownPlugins.ForSecurity(security))}");
        }
        else
        {
            // V2Ray silently treats any value other than "tls" as no security; say so instead.
            reader.Warning("security", $"\"{security}\" is not a known security layer, so the connection is not encrypted (as in V2Ray)");
        }

        return null;
    }
}
