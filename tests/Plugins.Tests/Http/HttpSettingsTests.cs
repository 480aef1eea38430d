using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Plugins.Http;
using VMessPlugins.Tests.Plugins.Tests.Infrastructure;

namespace VMessPlugins.Tests.Plugins.Tests.Http;

public sealed class HttpSettingsTests
{
    private static (object? Handler, string[] Findings) Create(string json)
    {
        var (definition, diagnostics) = ConfigFixture.Inbound("http", json);
        return (new HttpInboundFactory(NullLoggerFactory.Instance).Create(definition), ConfigFixture.Lines(diagnostics));
    }

    [Fact]
    public void Create_ValidSettings_NoFindings()
    {
        var (handler, findings) = Create("""{"accounts":[{"user":"u","pass":"p"}],"allowTransparent":true,"userLevel":3}""");
        Assert.NotNull(handler);
        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("""{"foo":true}""", "warning: inbounds[0].settings.foo")]
    [InlineData("""{"timeout":10}""", "warning: inbounds[0].settings.timeout")]
    [InlineData("""{"accounts":[{"user":"u","pass":"p","x":1}]}""", "warning: inbounds[0].settings.accounts[0].x")]
    public void Create_Unsupported_Warns(string json, string expected)
    {
        var (handler, findings) = Create(json);
        Assert.NotNull(handler);
        Assert.Equal([expected], findings);
    }

    [Theory]
    [InlineData("""{"allowTransparent":"maybe"}""", "error: inbounds[0].settings.allowTransparent")]
    [InlineData("""{"userLevel":"high"}""", "error: inbounds[0].settings.userLevel")]
    [InlineData("""{"accounts":[{"pass":"p"}]}""", "error: inbounds[0].settings.accounts[0].user")]
    [InlineData("""{"accounts":[{"user":"","pass":"p"}]}""", "error: inbounds[0].settings.accounts[0].user")]
    public void Create_BadValue_ErrorWithPath(string json, string expected)
    {
        var (handler, findings) = Create(json);
        Assert.Null(handler);
        Assert.Equal([expected], findings);
    }
}
