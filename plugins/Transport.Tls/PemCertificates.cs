using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>Turns PEM text into certificates SslStream can serve.</summary>
internal static class PemCertificates
{
    public static ServedCertificate CreateServed(string certificatePem, string keyPem, X509Certificate2Collection chain)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);

        // On Linux a PEM key is ephemeral; a PKCS#12 round trip gives SslStream a key it can use for every handshake.
        var leaf = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain)
        {
            if (!certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
            {
                intermediates.Add(certificate);
            }
        }

        var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        return new ServedCertificate(leaf, context, DnsNamesOf(leaf));
    }

    private static List<string> DnsNamesOf(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
            }
        }

        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false) is { Length: > 0 } commonName)
        {
            names.Add(commonName);
        }

        return names;
    }
}
