using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Abstractions.Transport;

/// <summary>
/// A security layer (<c>streamSettings.security</c>, such as <c>"tls"</c>) that wraps a connection the
/// way Kestrel's connection middleware does. Register as a singleton <see cref="IConnectionLayerFactory"/>.
/// </summary>
public interface IConnectionLayerFactory
{
    /// <summary>The security name in config, matched case-insensitively.</summary>
    string Security { get; }

    /// <summary>Creates the layer from the whole <c>streamSettings</c>; reports problems and returns null on error.</summary>
    IConnectionLayer? Create(SettingsReader streamSettings, bool isServer);
}
