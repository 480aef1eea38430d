using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tls;

internal sealed class TlsLayerFactory : IConnectionLayerFactory
{
    public string Security => "tls";

    public IConnectionLayer? Create(SettingsReader streamSettings, bool isServer)
    {
        var settings = TlsSettingsReader.Read(streamSettings, isServer);
        if (settings is null)
        {
            return null;
        }

        return isServer
            ? new TlsServerLayer(settings)
            : new TlsClientLayer(settings);
    }
}
