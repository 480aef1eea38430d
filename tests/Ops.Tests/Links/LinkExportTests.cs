using System.Text;
using System.Text.RegularExpressions;
using VMessPlugins.Host.Links.Qr;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Links;

public sealed partial class LinkExportTests
{
    [Fact]
    public async Task Export_NoTag_WritesTheFirstVMessOutboundAsV2rayNFields()
    {
        using var config = new TempConfig(Configs.WsTls);

        var (code, output, errors) = await LinkCli.RunAsync("export", "-c", config.FilePath);

        Assert.Equal(0, code);
        Assert.Equal("", errors);
        var json = Support.Links.Open(output.Trim());
        Assert.Equal(["v", "ps", "add", "port", "id", "aid", "scy", "net", "type", "host", "path", "tls", "sni"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.All(json.EnumerateObject(), p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("2", json.GetProperty("v").GetString());
        Assert.Equal("sg-ws-tls", json.GetProperty("ps").GetString());
        Assert.Equal("proxy.example.com", json.GetProperty("add").GetString());
        Assert.Equal("443", json.GetProperty("port").GetString());
        Assert.Equal(Support.Links.Id, json.GetProperty("id").GetString());
        Assert.Equal("0", json.GetProperty("aid").GetString());
        Assert.Equal("chacha20-poly1305", json.GetProperty("scy").GetString());
        Assert.Equal("ws", json.GetProperty("net").GetString());
        Assert.Equal("none", json.GetProperty("type").GetString());
        Assert.Equal("cdn.example.com", json.GetProperty("host").GetString());
        Assert.Equal("/ray", json.GetProperty("path").GetString());
        Assert.Equal("tls", json.GetProperty("tls").GetString());
        Assert.Equal("sni.example.com", json.GetProperty("sni").GetString());
    }

    [Fact]
    public async Task Export_OutboundTag_WritesThatOutbound()
    {
        using var config = new TempConfig(Configs.WsTls);

        var (code, output, _) = await LinkCli.RunAsync("export", "-c", config.FilePath, "--outbound", "plain");

        Assert.Equal(0, code);
        var json = Support.Links.Open(output.Trim());
        Assert.Equal("plain", json.GetProperty("ps").GetString());
        Assert.Equal("10.0.0.2", json.GetProperty("add").GetString());
        Assert.Equal("10086", json.GetProperty("port").GetString());
        Assert.Equal("4", json.GetProperty("aid").GetString());
        Assert.Equal("auto", json.GetProperty("scy").GetString());
        Assert.Equal("tcp", json.GetProperty("net").GetString());
        Assert.Equal("", json.GetProperty("host").GetString());
        Assert.Equal("", json.GetProperty("path").GetString());
        Assert.Equal("", json.GetProperty("tls").GetString());
        Assert.Equal("", json.GetProperty("sni").GetString());
    }

    [Fact]
    public async Task Export_Always_UsesStandardPaddedBase64()
    {
        using var config = new TempConfig(Configs.WsTls);

        var (_, output, _) = await LinkCli.RunAsync("export", "-c", config.FilePath);

        var payload = output.Trim()["vmess://".Length..];
        Assert.Matches(StandardBase64(), payload);
        Assert.Equal(0, payload.Length % 4);
    }

    [Fact]
    public async Task Export_Qr_PrintsTheLinkThenItsQrCode()
    {
        using var config = new TempConfig(Configs.WsTls);

        var (code, output, _) = await LinkCli.RunAsync("export", "-c", config.FilePath, "--qr");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = QrTerminalRenderer.Render(QrEncoder.Encode(Encoding.UTF8.GetBytes(lines[0]), QrErrorLevel.Low), useColours: false);
        Assert.StartsWith("vmess://", lines[0]);
        Assert.Equal(expected, string.Join('\n', lines.Skip(1)) + "\n");
    }

    [Theory]
    [InlineData("nope", "error: outbounds: no outbound has the tag \"nope\" (tags: \"direct\", \"sg-ws-tls\", \"plain\")")]
    [InlineData("direct", "outbounds[0].protocol: outbound \"direct\" is a \"freedom\" outbound; only vmess outbounds make links")]
    public async Task Export_TagNotAVMessOutbound_FailsNamingIt(string tag, string message)
    {
        using var config = new TempConfig(Configs.WsTls);

        var (code, output, errors) = await LinkCli.RunAsync("export", "-c", config.FilePath, "--outbound", tag);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains(message, errors);
    }

    [Theory]
    [InlineData("""{ "outbounds": [ { "protocol": "freedom" } ] }""", "there is no vmess outbound to export")]
    [InlineData("""{ "outbounds": [ { "protocol": "vmess", "settings": { "vnext": [ { "address": "a.example", "users": [ { "id": "b831381d-6324-4d53-ad4f-8cda48b30811" } ] } ] } } ] }""",
        "outbounds[0].settings.vnext[0].port: is required")]
    [InlineData("""{ "outbounds": [ { "protocol": "vmess", "settings": { "vnext": [ { "address": "a.example", "port": 1, "users": [ { "id": "not-a-uuid" } ] } ] } } ] }""",
        "outbounds[0].settings.vnext[0].users[0].id: must be a UUID")]
    [InlineData("""{ "outbounds": [ { "protocol": "vmess", "settings": { "vnext": [ { "address": "a.example", "port": 1, "users": [ { "id": "b831381d-6324-4d53-ad4f-8cda48b30811" } ] } ] }, "streamSettings": { "network": "kcp" } } ] }""",
        "outbounds[0].streamSettings.network: \"kcp\" cannot be put in a link here")]
    [InlineData("""{ "outbounds": [ { "protocol": "vmess", "settings": { "vnext": [ { "address": "a.example", "port": 1, "users": [ { "id": "b831381d-6324-4d53-ad4f-8cda48b30811" } ] } ] }, "streamSettings": { "tcpSettings": { "header": { "type": "http" } } } } ] }""",
        "outbounds[0].streamSettings.tcpSettings.header.type: \"http\" header obfuscation cannot be put in a link")]
    [InlineData("""{ "outbounds": [ { "protocol": "vmess", "settings": { "vnext": [] } } ] }""", "outbounds[0].settings.vnext: needs at least one server")]
    [InlineData("""{ "outbounds": [ { "protocol": "vmess", """, "error: ")]
    public async Task Export_BrokenOutbound_FailsWithFileAndJsonPath(string json, string message)
    {
        using var config = new TempConfig(json);

        var (code, output, errors) = await LinkCli.RunAsync("export", "-c", config.FilePath);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains(message, errors);
        Assert.DoesNotContain("   at ", errors);
        if (!message.StartsWith("there is no", StringComparison.Ordinal))
        {
            Assert.Contains(config.FilePath, errors);
        }
    }

    [Fact]
    public async Task Export_SecondServer_IsLeftOutWithANote()
    {
        using var config = new TempConfig($$"""
            { "outbounds": [ { "tag": "two", "protocol": "vmess", "settings": { "vnext": [
              { "address": "a.example", "port": 1, "users": [ { "id": "{{Support.Links.Id}}" } ] },
              { "address": "b.example", "port": 2, "users": [ { "id": "{{Support.Links.Id}}" } ] } ] } } ] }
            """);

        var (code, output, errors) = await LinkCli.RunAsync("export", "-c", config.FilePath);

        Assert.Equal(0, code);
        Assert.Equal("a.example", Support.Links.Open(output.Trim()).GetProperty("add").GetString());
        Assert.Contains("note: outbound \"two\" has 2 server(s)", errors);
        Assert.DoesNotContain(Support.Links.Id, errors);
    }

    [Fact]
    public async Task Export_SecurityWithoutALinkValue_SaysAutoWithANote()
    {
        using var config = new TempConfig($$"""
            { "outbounds": [ { "protocol": "vmess", "settings": { "vnext": [
              { "address": "a.example", "port": 1, "users": [ { "id": "{{Support.Links.Id}}", "security": "aes-128-cfb" } ] } ] } } ] }
            """);

        var (code, output, errors) = await LinkCli.RunAsync("export", "-c", config.FilePath);

        Assert.Equal(0, code);
        Assert.Equal("auto", Support.Links.Open(output.Trim()).GetProperty("scy").GetString());
        Assert.Contains("note: security \"aes-128-cfb\" has no link value; the link says \"auto\"", errors);
    }

    [Theory]
    [InlineData(new[] { "export", "--frobnicate" }, 2, "unknown option \"--frobnicate\"")]
    [InlineData(new[] { "export", "--outbound" }, 2, "option \"--outbound\" needs a value")]
    [InlineData(new[] { "import" }, 2, "link import needs a link")]
    [InlineData(new[] { "publish" }, 2, "unknown link command \"publish\"")]
    [InlineData(new string[0], 2, "link needs \"export\" or \"import\"")]
    public async Task Link_BadCommandLine_ExitsTwoWithUsage(string[] args, int expectedCode, string message)
    {
        var (code, _, errors) = await LinkCli.RunAsync(args);

        Assert.Equal(expectedCode, code);
        Assert.Contains(message, errors);
        Assert.Contains("Usage: vmessplugins link", errors);
    }

    [Theory]
    [InlineData("export", "--outbound TAG")]
    [InlineData("import", "numbers or strings")]
    public async Task Link_Help_PrintsTheSubcommandUsage(string subcommand, string text)
    {
        var (code, output, _) = await LinkCli.RunAsync(subcommand, "--help");

        Assert.Equal(0, code);
        Assert.Contains(text, output);
    }

    [GeneratedRegex("^[A-Za-z0-9+/]+={0,2}$")]
    private static partial Regex StandardBase64();
}
