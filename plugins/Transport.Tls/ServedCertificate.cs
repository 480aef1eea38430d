using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>A server certificate with its chain, ready for SslStream, and the DNS names it covers.</summary>
internal sealed record ServedCertificate(X509Certificate2 Leaf, SslStreamCertificateContext Context, IReadOnlyList<string> DnsNames)
{
    /// <summary>True when the certificate covers <paramref name="serverName"/> (wildcards one label deep).</summary>
    public bool Covers(string serverName)
    {
        foreach (var name in DnsNames)
        {
            if (string.Equals(name, serverName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (name.StartsWith("*.", StringComparison.Ordinal)
                && serverName.IndexOf('.') is var dot and > 0
                && string.Equals(name[1..], serverName[dot..], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
