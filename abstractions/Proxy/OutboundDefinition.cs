using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Abstractions.Proxy;

/// <summary>One entry of <c>outbounds[]</c>, with the parts the host has already read.</summary>
public sealed class OutboundDefinition
{
    /// <summary>The outbound's tag (may be empty).</summary>
    public required string Tag { get; init; }

    /// <summary>The protocol name, lower case (<c>vmess</c>, <c>freedom</c>, ...).</summary>
    public required string Protocol { get; init; }

    /// <summary>The <c>settings</c> object, for the protocol's factory to read.</summary>
    public required SettingsReader Settings { get; init; }

    /// <summary>The <c>streamSettings</c>; <see cref="Dialer"/> is already built from them.</summary>
    public required StreamSettings StreamSettings { get; init; }

    /// <summary>Opens connections to a proxy server over the configured transport and security.</summary>
    public required ITransportDialer Dialer { get; init; }

    /// <summary>The <c>mux</c> object (may be absent).</summary>
    public required SettingsReader Mux { get; init; }

    /// <summary>Where the entry is: file and JSON path (<c>outbounds[0]</c>).</summary>
    public required SettingsReader Entry { get; init; }
}
