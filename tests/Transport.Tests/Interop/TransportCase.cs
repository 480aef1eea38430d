using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>The server and client <c>streamSettings</c> of one transport combination, with real certificate checks.</summary>
internal static class TransportCase
{
    public static string Server(string name, TestCertificate? certificate, string path = "/ray") => name switch
    {
        "ws" => Ws("", path),
        "tls" => $$"""{"network": "tcp", "security": "tls", "tlsSettings": {{ServerTls(certificate!)}}}""",
        "ws+tls" => Ws($$""" "security": "tls", "tlsSettings": {{ServerTls(certificate!)}}, """, path),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The client verifies the server against the test certificate, by the name "localhost".</summary>
    public static string Client(string name, TestCertificate? certificate, string path = "/ray") => name switch
    {
        "ws" => Ws("", path),
        "tls" => $$"""{"network": "tcp", "security": "tls", "tlsSettings": {{ClientTls(certificate!)}}}""",
        "ws+tls" => Ws($$""" "security": "tls", "tlsSettings": {{ClientTls(certificate!)}}, """, path),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string Ws(string security, string path) =>
        $$$"""{"network": "ws", {{{security}}} "wsSettings": {"path": "{{{path}}}"}}""";

    private static string ServerTls(TestCertificate certificate) =>
        $$"""{"certificates": [{"certificateFile": "{{certificate.CertificateFile}}", "keyFile": "{{certificate.KeyFile}}"}]}""";

    private static string ClientTls(TestCertificate certificate) =>
        $$"""{"serverName": "localhost", "certificates": [{"certificateFile": "{{certificate.CertificateFile}}", "usage": "verify"}]}""";
}
