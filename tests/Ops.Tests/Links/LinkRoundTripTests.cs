using System.Text.Json;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Links;

public sealed class LinkRoundTripTests
{
    [Theory]
    [InlineData("sg-ws-tls")]
    [InlineData("plain")]
    public async Task ExportImportExport_AnyOutbound_GivesTheSameLink(string tag)
    {
        using var config = new TempConfig(Configs.WsTls);
        var (_, exported, _) = await LinkCli.RunAsync("export", "-c", config.FilePath, "--outbound", tag);

        var (importCode, outbound, importErrors) = await LinkCli.RunAsync("import", exported.Trim());
        using var reimported = new TempConfig($$"""{ "outbounds": [ {{outbound}} ] }""");
        var (exportCode, again, _) = await LinkCli.RunAsync("export", "-c", reimported.FilePath);

        Assert.Equal(0, importCode);
        Assert.Equal("", importErrors);
        Assert.Equal(0, exportCode);
        Assert.Equal(exported, again);
    }

    [Fact]
    public async Task Import_ExportedWsTlsLink_PrintsTheMatchingOutbound()
    {
        using var config = new TempConfig(Configs.WsTls);
        var (_, exported, _) = await LinkCli.RunAsync("export", "-c", config.FilePath);

        var (_, outbound, _) = await LinkCli.RunAsync("import", exported.Trim());

        var root = JsonDocument.Parse(outbound).RootElement;
        Assert.Equal("sg-ws-tls", root.GetProperty("tag").GetString());
        Assert.Equal("vmess", root.GetProperty("protocol").GetString());
        var server = root.GetProperty("settings").GetProperty("vnext")[0];
        Assert.Equal("proxy.example.com", server.GetProperty("address").GetString());
        Assert.Equal(443, server.GetProperty("port").GetInt32());
        var user = server.GetProperty("users")[0];
        Assert.Equal(Support.Links.Id, user.GetProperty("id").GetString());
        Assert.Equal(0, user.GetProperty("alterId").GetInt32());
        Assert.Equal("chacha20-poly1305", user.GetProperty("security").GetString());
        var stream = root.GetProperty("streamSettings");
        Assert.Equal("ws", stream.GetProperty("network").GetString());
        Assert.Equal("tls", stream.GetProperty("security").GetString());
        Assert.Equal("/ray", stream.GetProperty("wsSettings").GetProperty("path").GetString());
        Assert.Equal("cdn.example.com", stream.GetProperty("wsSettings").GetProperty("headers").GetProperty("Host").GetString());
        Assert.Equal("sni.example.com", stream.GetProperty("tlsSettings").GetProperty("serverName").GetString());
    }
}
