using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.Tls;

public sealed class TlsSettingsTests : IDisposable
{
    private readonly TransportHarness _harness = new();

    [Fact]
    public void Create_MissingCertificateFile_ReportsTheJsonPathAndTheFile()
    {
        var config = StreamConfig.Parse("""
            {"security": "tls", "tlsSettings": {"certificates": [{"certificateFile": "/nonexistent/cert.pem", "keyFile": "/nonexistent/key.pem"}]}}
            """);

        var layer = _harness.Tls.Create(config.Reader, isServer: true);

        Assert.Null(layer);
        var error = Assert.Single(config.Diagnostics.Items, d => d.Severity == ConfigSeverity.Error && d.JsonPath.EndsWith("certificateFile", StringComparison.Ordinal));
        Assert.Equal("streamSettings.tlsSettings.certificates[0].certificateFile", error.JsonPath);
        Assert.Equal(StreamConfig.File, error.File);
        Assert.Contains("/nonexistent/cert.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InvalidPemFile_ReportsAnError()
    {
        using var certificate = TestCertificate.Create();
        File.WriteAllText(certificate.CertificateFile, "not a certificate");
        var config = StreamConfig.Parse($$$"""
            {"security": "tls", "tlsSettings": {"certificates": [{"certificateFile": "{{{certificate.CertificateFile}}}", "keyFile": "{{{certificate.KeyFile}}}"}]}}
            """);

        Assert.Null(_harness.Tls.Create(config.Reader, isServer: true));
        Assert.Contains(config.Diagnostics.Items, d => d.Severity == ConfigSeverity.Error && d.JsonPath == "streamSettings.tlsSettings.certificates[0].certificateFile");
    }

    [Fact]
    public void Create_InlineCertificateAsString_IsAnErrorAsInV2Ray()
    {
        var config = StreamConfig.Parse("""
            {"security": "tls", "tlsSettings": {"certificates": [{"certificate": "-----BEGIN CERTIFICATE-----", "key": ["x"]}]}}
            """);

        Assert.Null(_harness.Tls.Create(config.Reader, isServer: true));
        Assert.Contains(config.Diagnostics.Items, d => d.Severity == ConfigSeverity.Error && d.JsonPath == "streamSettings.tlsSettings.certificates[0].certificate");
    }

    [Fact]
    public void Create_ServerWithoutCertificates_IsAnError()
    {
        var config = StreamConfig.Parse("""{"security": "tls", "tlsSettings": {}}""");

        Assert.Null(_harness.Tls.Create(config.Reader, isServer: true));
        Assert.True(config.Diagnostics.HasErrors);
    }

    [Fact]
    public void Create_ClientWithBadPinAndUnknownKey_ReportsErrorAndWarning()
    {
        var config = StreamConfig.Parse("""{"security": "tls", "tlsSettings": {"pinnedPeerCertificateChainSha256": ["abc"], "minVersion": "1.2"}}""");

        Assert.Null(_harness.Tls.Create(config.Reader, isServer: false));
        Assert.Contains(config.Diagnostics.Items, d => d.Severity == ConfigSeverity.Error && d.JsonPath == "streamSettings.tlsSettings.pinnedPeerCertificateChainSha256");
        Assert.Contains(config.Diagnostics.Items, d => d.Severity == ConfigSeverity.Warning && d.JsonPath == "streamSettings.tlsSettings.minVersion");
    }

    [Fact]
    public void Create_ClientWithAlpnCommaString_IsAccepted()
    {
        var config = StreamConfig.Parse("""{"security": "tls", "tlsSettings": {"alpn": "h2,http/1.1", "serverName": "example.com"}}""");

        Assert.NotNull(_harness.Tls.Create(config.Reader, isServer: false));
        Assert.Empty(config.Diagnostics.Items);
    }

    public void Dispose() => _harness.Dispose();
}
