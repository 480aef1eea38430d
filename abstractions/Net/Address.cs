using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.Abstractions.Net;

/// <summary>An IP address or a domain name. Immutable; equality is by value (domains case-insensitively).</summary>
public sealed class Address : IEquatable<Address>
{
    private Address(IPAddress? ip, string? domain)
    {
        Ip = ip;
        Domain = domain;
    }

    /// <summary>The kind of address.</summary>
    public AddressKind Kind => Ip is null ? AddressKind.Domain
        : Ip.AddressFamily == AddressFamily.InterNetworkV6 ? AddressKind.IPv6 : AddressKind.IPv4;

    /// <summary>The IP address, or null for a domain.</summary>
    public IPAddress? Ip { get; }

    /// <summary>The domain name, or null for an IP address.</summary>
    public string? Domain { get; }

    /// <summary>Wraps an IP address; an IPv4-mapped IPv6 address becomes IPv4.</summary>
    public static Address FromIp(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        return new Address(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, null);
    }

    /// <summary>Wraps a domain name (at most 255 bytes, as every proxy protocol here encodes it in one length byte).</summary>
    public static Address FromDomain(string domain)
    {
        if (string.IsNullOrEmpty(domain) || domain.Length > 255)
        {
            throw new ArgumentException("A domain must have 1 to 255 characters.", nameof(domain));
        }

        return new Address(null, domain);
    }

    /// <summary>Parses an IP literal (IPv6 optionally in brackets) or else takes the text as a domain.</summary>
    public static Address Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var trimmed = text.Length > 2 && text[0] == '[' && text[^1] == ']' ? text[1..^1] : text;
        return IPAddress.TryParse(trimmed, out var ip) && (trimmed.Contains(':') || IsDottedQuad(trimmed))
            ? FromIp(ip)
            : FromDomain(text);
    }

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Address? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text) || text.Length > 255)
        {
            return false;
        }

        address = Parse(text);
        return true;
    }

    // IPAddress.TryParse accepts "1" or "1.2" as IPv4; a proxy must treat those as names.
    private static bool IsDottedQuad(string text) => text.Count(c => c == '.') == 3;

    /// <inheritdoc/>
    public bool Equals(Address? other) => other is not null
        && (Ip is null ? other.Ip is null && string.Equals(Domain, other.Domain, StringComparison.OrdinalIgnoreCase)
                       : Ip.Equals(other.Ip));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Address);

    /// <inheritdoc/>
    public override int GetHashCode() => Ip?.GetHashCode() ?? StringComparer.OrdinalIgnoreCase.GetHashCode(Domain!);

    /// <summary>The address as text; IPv6 without brackets.</summary>
    public override string ToString() => Ip?.ToString() ?? Domain!;
}
