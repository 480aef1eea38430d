using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Plugins.Freedom;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Plugins.Tests.Infrastructure;

namespace VMessPlugins.Tests.Plugins.Tests.Freedom;

public sealed class FreedomSettingsTests
{
    private static (FreedomSettings? Settings, string[] Findings) Read(string json)
    {
        var (definition, diagnostics) = ConfigFixture.Outbound("freedom", json, new LoopbackDialer());
        return (FreedomSettingsReader.Read(definition.Settings), ConfigFixture.Lines(diagnostics));
    }

    [Theory]
    [InlineData("AsIs", "AsIs")]
    [InlineData("useip", "UseIP")]
    [InlineData("UseIPv4", "UseIPv4")]
    [InlineData("UseIP4", "UseIPv4")]
    [InlineData("use_ipv4", "UseIPv4")]
    [InlineData("USEIPV6", "UseIPv6")]
    [InlineData("UseIP6", "UseIPv6")]
    public void Read_DomainStrategy_CaseInsensitiveWithAliases(string text, string expected)
    {
        var (settings, findings) = Read($$"""{"domainStrategy":"{{text}}"}""");
        Assert.Equal(Enum.Parse<DomainStrategy>(expected), settings?.DomainStrategy);
        Assert.Empty(findings);
    }

    [Fact]
    public void Read_UnknownDomainStrategy_AsIsWithWarning()
    {
        var (settings, findings) = Read("""{"domainStrategy":"UseDNS"}""");
        Assert.Equal(DomainStrategy.AsIs, settings?.DomainStrategy);
        Assert.Equal(["warning: outbounds[0].settings.domainStrategy"], findings);
    }

    [Theory]
    [InlineData("""{"redirect":"127.0.0.1:53"}""", "127.0.0.1", 53)]
    [InlineData("""{"redirect":":53"}""", null, 53)]
    [InlineData("""{"redirect":"example.com:0"}""", "example.com", 0)]
    [InlineData("""{"redirect":"[::1]:8080"}""", "::1", 8080)]
    [InlineData("""{"redirect":""}""", null, 0)]
    public void Read_Redirect_Parsed(string json, string? host, int port)
    {
        var (settings, findings) = Read(json);
        Assert.Empty(findings);
        Assert.Equal(host is null ? null : Address.Parse(host), settings!.RedirectAddress);
        Assert.Equal((ushort)port, settings.RedirectPort);
    }

    [Theory]
    [InlineData("""{"redirect":"127.0.0.1"}""", "error: outbounds[0].settings.redirect")]
    [InlineData("""{"redirect":"[::1]"}""", "error: outbounds[0].settings.redirect")]
    [InlineData("""{"redirect":"host:70000"}""", "error: outbounds[0].settings.redirect")]
    [InlineData("""{"redirect":"host:http"}""", "error: outbounds[0].settings.redirect")]
    [InlineData("""{"userLevel":-5}""", "error: outbounds[0].settings.userLevel")]
    [InlineData("""{"timeout":"soon"}""", "error: outbounds[0].settings.timeout")]
    public void Read_BadValue_ErrorWithPath(string json, string expected)
    {
        var (settings, findings) = Read(json);
        Assert.Null(settings);
        Assert.Equal([expected], findings);
    }

    [Fact]
    public void Create_UnknownKey_WarnsAndStillCreates()
    {
        var (definition, diagnostics) = ConfigFixture.Outbound("freedom", """{"destinationOverride":{}}""", new LoopbackDialer());
        var handler = new FreedomOutboundFactory(NullLoggerFactory.Instance).Create(definition);
        Assert.NotNull(handler);
        Assert.Equal(["warning: outbounds[0].settings.destinationOverride"], ConfigFixture.Lines(diagnostics));
        Assert.False(diagnostics.HasErrors);
        Assert.Equal(ConfigSeverity.Warning, diagnostics.Items.Single().Severity);
    }

    [Fact]
    public void Create_InvalidSettings_ReturnsNull()
    {
        var (definition, diagnostics) = ConfigFixture.Outbound("freedom", """{"redirect":"nope"}""", new LoopbackDialer());
        Assert.Null(new FreedomOutboundFactory().Create(definition));
        Assert.True(diagnostics.HasErrors);
    }
}
