using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>The validated <c>tlsSettings</c> of one inbound or outbound.</summary>
internal sealed record TlsSettings
{
    /// <summary>Client: the SNI and the name checked; null means the destination's domain.</summary>
    public string? ServerName { get; init; }

    /// <summary>The ALPN protocols to offer (client) or accept (server); never empty.</summary>
    public required List<SslApplicationProtocol> Alpn { get; init; }

    /// <summary>Client: skip chain and name checks (a pin is still enforced).</summary>
    public bool AllowInsecure { get; init; }

    /// <summary>Client: trust only <see cref="TrustedCertificates"/>.</summary>
    public bool DisableSystemRoot { get; init; }

    /// <summary>Server: the certificates served (usage "encipherment"), first is the fallback.</summary>
    public required IReadOnlyList<ServedCertificate> ServedCertificates { get; init; }

    /// <summary>Client: every configured certificate, whatever its usage, as an extra trust anchor.</summary>
    public required X509Certificate2Collection TrustedCertificates { get; init; }

    /// <summary>Client: SHA-256 hashes of acceptable leaf certificates; empty means no pinning.</summary>
    public required IReadOnlyList<byte[]> PinnedLeafSha256 { get; init; }
}
