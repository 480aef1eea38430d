using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Plugins.Socks;
using VMessPlugins.Tests.Plugins.Tests.Infrastructure;

namespace VMessPlugins.Tests.Plugins.Tests.Socks;

public sealed class SocksSettingsTests
{
    private static (object? Handler, string[] Findings) Create(string json)
    {
        var (definition, diagnostics) = ConfigFixture.Inbound("socks", json);
        var handler = new SocksInboundFactory(NullLoggerFactory.Instance).Create(definition);
        return (handler, ConfigFixture.Lines(diagnostics));
    }

    [Fact]
    public void Create_EmptySettings_NoFindings()
    {
        var (handler, findings) = Create("{}");
        Assert.NotNull(handler);
        Assert.Empty(findings);
    }

    [Fact]
    public void Create_FullValidSettings_NoFindings()
    {
        var (handler, findings) = Create("""{"auth":"password","accounts":[{"user":"a","pass":"b"}],"udp":true,"ip":"127.0.0.1","userLevel":1}""");
        Assert.NotNull(handler);
        Assert.Empty(findings);
    }

    [Fact]
    public void Create_UnknownKey_WarnsWithPath()
    {
        var (handler, findings) = Create("""{"bogus":1}""");
        Assert.NotNull(handler);
        Assert.Equal(["warning: inbounds[0].settings.bogus"], findings);
    }

    [Theory]
    [InlineData("Password")]
    [InlineData("NOAUTH")]
    [InlineData("basic")]
    public void Create_AuthNotExactlyKnown_WarnsAndMeansNoAuth(string auth)
    {
        var (handler, findings) = Create($$"""{"auth":"{{auth}}"}""");
        Assert.NotNull(handler);
        Assert.Equal(["warning: inbounds[0].settings.auth"], findings);
    }

    [Fact]
    public void Create_PasswordWithoutAccounts_Warns()
    {
        var (handler, findings) = Create("""{"auth":"password"}""");
        Assert.NotNull(handler);
        Assert.Equal(["warning: inbounds[0].settings.accounts"], findings);
    }

    [Fact]
    public void Create_AccountWithoutUser_ErrorAtAccountPath()
    {
        var (handler, findings) = Create("""{"auth":"password","accounts":[{"user":"a","pass":"b"},{"pass":"x","extra":1}]}""");
        Assert.Null(handler);
        Assert.Equal(["warning: inbounds[0].settings.accounts[1].extra", "error: inbounds[0].settings.accounts[1].user"], findings);
    }

    [Theory]
    [InlineData("""{"udp":"yes"}""", "error: inbounds[0].settings.udp")]
    [InlineData("""{"ip":"not-an-ip"}""", "error: inbounds[0].settings.ip")]
    [InlineData("""{"userLevel":-1}""", "error: inbounds[0].settings.userLevel")]
    [InlineData("""{"userLevel":"x"}""", "error: inbounds[0].settings.userLevel")]
    [InlineData("""{"auth":{"a":1}}""", "error: inbounds[0].settings.auth")]
    public void Create_BadValue_ErrorWithPath(string json, string expected)
    {
        var (handler, findings) = Create(json);
        Assert.Null(handler);
        Assert.Contains(expected, findings);
    }

    [Fact]
    public void Create_Timeout_WarnsDeprecated()
    {
        var (handler, findings) = Create("""{"timeout":30}""");
        Assert.NotNull(handler);
        Assert.Equal(["warning: inbounds[0].settings.timeout"], findings);
    }
}
