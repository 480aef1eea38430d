using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>
/// Checks the server's certificate: a configured pin always (SHA-256 of the leaf); unless allowInsecure,
/// the name and a chain to the system roots or to the configured certificates.
/// </summary>
internal sealed class PeerCertificateValidator(TlsSettings settings)
{
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        if (settings.PinnedLeafSha256.Count > 0 && !MatchesPin(certificate))
        {
            return false;
        }

        if (settings.AllowInsecure)
        {
            return true;
        }

        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        var systemTrusted = errors == SslPolicyErrors.None;
        if (systemTrusted && !settings.DisableSystemRoot)
        {
            return true;
        }

        return settings.TrustedCertificates.Count > 0 && ChainsToConfiguredRoot(certificate, chain);
    }

    private bool MatchesPin(X509Certificate certificate)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(certificate.GetRawCertData(), hash);
        foreach (var pin in settings.PinnedLeafSha256)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, pin))
            {
                return true;
            }
        }

        return false;
    }

    private bool ChainsToConfiguredRoot(X509Certificate certificate, X509Chain? presented)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(settings.TrustedCertificates);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
