namespace VMessPlugins.Abstractions.Net;

/// <summary>What an <see cref="Address"/> holds.</summary>
public enum AddressKind
{
    /// <summary>An IPv4 address.</summary>
    IPv4,

    /// <summary>An IPv6 address.</summary>
    IPv6,

    /// <summary>A domain name, resolved by whoever finally connects.</summary>
    Domain,
}
