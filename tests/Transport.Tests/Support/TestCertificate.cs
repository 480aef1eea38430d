using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace VMessPlugins.Tests.Transport.Tests.Support;

/// <summary>A self-signed ECDSA certificate for localhost and 127.0.0.1, written as PEM files to a temp folder.</summary>
internal sealed class TestCertificate : IDisposable
{
    private TestCertificate(string directory, string certificatePem, string keyPem, byte[] raw)
    {
        Directory = directory;
        CertificatePem = certificatePem;
        KeyPem = keyPem;
        CertificateFile = Path.Combine(directory, "cert.pem");
        KeyFile = Path.Combine(directory, "key.pem");
        File.WriteAllText(CertificateFile, certificatePem);
        File.WriteAllText(KeyFile, keyPem);
        LeafSha256Base64 = Convert.ToBase64String(SHA256.HashData(raw));
    }

    public string Directory { get; }

    public string CertificatePem { get; }

    public string KeyPem { get; }

    public string CertificateFile { get; }

    public string KeyFile { get; }

    /// <summary>The pin value for <c>pinnedPeerCertificateChainSha256</c>.</summary>
    public string LeafSha256Base64 { get; }

    /// <summary>Creates a certificate whose SAN holds <paramref name="dnsNames"/> and, when asked, 127.0.0.1.</summary>
    public static TestCertificate Create(bool includeLoopbackIp = true, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=vmessplugins test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames.Length == 0 ? ["localhost"] : dnsNames)
        {
            san.AddDnsName(name);
        }

        if (includeLoopbackIp)
        {
            san.AddIpAddress(IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var directory = System.IO.Directory.CreateTempSubdirectory("vmessplugins-cert-").FullName;
        return new TestCertificate(directory, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.RawData);
    }

    /// <summary>The PEM as the JSON array of lines V2Ray's inline form takes.</summary>
    public static string JsonLines(string pem) =>
        "[" + string.Join(",", pem.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"\"{l.TrimEnd('\r')}\"")) + "]";

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
