using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.Tls;

/// <summary>streamSettings JSON for the TLS tests.</summary>
internal static class TlsConfigs
{
    public static string ServerFromFiles(TestCertificate certificate, string network = "tcp", string alpn = "") =>
        $$$"""
        {"network": "{{{network}}}", "security": "tls", "tlsSettings": { {{{alpn}}}
          "certificates": [{"certificateFile": "{{{certificate.CertificateFile}}}", "keyFile": "{{{certificate.KeyFile}}}"}]}}
        """;

    public static string ServerInline(TestCertificate certificate, string network = "tcp") =>
        $$$"""
        {"network": "{{{network}}}", "security": "tls", "tlsSettings": {
          "certificates": [{"certificate": {{{TestCertificate.JsonLines(certificate.CertificatePem)}}}, "key": {{{TestCertificate.JsonLines(certificate.KeyPem)}}}}]}}
        """;

    /// <summary>A client trusting <paramref name="certificate"/> (inline, usage verify) plus any extra tlsSettings keys.</summary>
    public static string ClientTrusting(TestCertificate certificate, string extra = "", string network = "tcp") =>
        $$$"""
        {"network": "{{{network}}}", "security": "tls", "tlsSettings": { {{{extra}}}
          "certificates": [{"certificate": {{{TestCertificate.JsonLines(certificate.CertificatePem)}}}, "usage": "verify"}]}}
        """;

    public static string Client(string tlsSettings, string network = "tcp") =>
        $$"""{"network": "{{network}}", "security": "tls", "tlsSettings": {{tlsSettings}}}""";
}
