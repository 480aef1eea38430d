using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Abstractions.Transport;

/// <summary>An inbound's or outbound's <c>streamSettings</c>, read as V2Ray reads them.</summary>
public sealed class StreamSettings
{
    /// <summary>The transport name, lower case: <c>tcp</c> (default), <c>ws</c>, ...</summary>
    public required string Network { get; init; }

    /// <summary>The security layer name, lower case, or empty for none (V2Ray: only "tls" turns TLS on).</summary>
    public required string Security { get; init; }

    /// <summary>The whole <c>streamSettings</c> object (may be absent), for transports to read their own keys.</summary>
    public required SettingsReader Reader { get; init; }

    /// <summary>The security layer resolved from <see cref="Security"/>, or null for plain.</summary>
    public IConnectionLayer? SecurityLayer { get; init; }
}
