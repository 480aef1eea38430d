using System.Net;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Abstractions.Proxy;

/// <summary>One entry of <c>inbounds[]</c>, with the parts the host has already read.</summary>
public sealed class InboundDefinition
{
    /// <summary>The inbound's tag (may be empty).</summary>
    public required string Tag { get; init; }

    /// <summary>The protocol name, lower case (<c>vmess</c>, <c>socks</c>, ...).</summary>
    public required string Protocol { get; init; }

    /// <summary>The address to listen on.</summary>
    public required IPAddress Listen { get; init; }

    /// <summary>The ports to listen on (one listener each).</summary>
    public required IReadOnlyList<ushort> Ports { get; init; }

    /// <summary>The <c>settings</c> object, for the protocol's factory to read.</summary>
    public required SettingsReader Settings { get; init; }

    /// <summary>The <c>streamSettings</c> the host resolved to a transport.</summary>
    public required StreamSettings StreamSettings { get; init; }

    /// <summary>Where the entry is: file and JSON path (<c>inbounds[0]</c>).</summary>
    public required SettingsReader Entry { get; init; }
}
