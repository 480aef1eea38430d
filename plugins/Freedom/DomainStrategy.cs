namespace VMessPlugins.Plugins.Freedom;

/// <summary>How freedom turns a domain destination into an address (V2Ray's <c>domainStrategy</c>).</summary>
internal enum DomainStrategy
{
    /// <summary>Pass the domain on; the dialer resolves it.</summary>
    AsIs,

    /// <summary>Resolve first, any family.</summary>
    UseIP,

    /// <summary>Resolve to IPv4 only.</summary>
    UseIPv4,

    /// <summary>Resolve to IPv6 only.</summary>
    UseIPv6,
}
