using System.Text;
using VMessPlugins.Host.Links;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Links;

public sealed class LinkImportTests
{
    private const string Id = Support.Links.Id;

    [Theory]
    // v2rayN: every value a string.
    [InlineData($$"""{"v":"2","ps":"a","add":"a.example","port":"443","id":"{{Id}}","aid":"0","scy":"auto","net":"tcp","type":"none","host":"","path":"","tls":""}""",
        "a|a.example|443|0|auto|tcp|||False|")]
    // Older generators: numbers for v, port and aid.
    [InlineData($$"""{"v":2,"ps":"b","add":"1.2.3.4","port":8443,"id":"{{Id}}","aid":64,"net":"tcp","type":"none","tls":""}""",
        "b|1.2.3.4|8443|64|auto|tcp|||False|")]
    // ws + tls with host, path and sni; upper case where clients are lax.
    [InlineData($$"""{"v":"2","ps":" c ","add":"c.example","port":"443","id":"B831381D-6324-4D53-AD4F-8CDA48B30811","aid":"","scy":"AES-128-GCM","net":"WS","type":"","host":"cdn.example","path":"/ws?ed=2048","tls":"TLS","sni":"sni.example"}""",
        "c|c.example|443|0|aes-128-gcm|ws|cdn.example|/ws?ed=2048|True|sni.example")]
    // Minimal: no v, ps, aid, scy, net, type or tls at all; nulls count as absent.
    [InlineData($$"""{"add":"d.example","port":"80","id":"{{Id}}","ps":null,"sni":null}""",
        "|d.example|80|0|auto|tcp|||False|")]
    // An IPv6 address in brackets; a tcp link's host and path are dropped; sni without tls is dropped.
    [InlineData($$"""{"v":"2","add":"[2001:db8::1]","port":"443","id":"{{Id}}","net":"tcp","host":"h.example","path":"/x","tls":"none","sni":"s.example"}""",
        "|2001:db8::1|443|0|auto|tcp|||False|")]
    public void Parse_RealWorldVariants_ReadsEachField(string json, string expected)
    {
        var result = VMessLinkParser.Parse(Support.Links.Make(json));

        Assert.Empty(result.Errors);
        var link = Assert.IsType<VMessLink>(result.Link);
        Assert.Equal(Id, link.Id);
        Assert.Equal(expected, string.Join('|', link.Name, link.Address, link.Port, link.AlterId, link.Security, link.Network, link.Host, link.Path, link.Tls, link.ServerName));
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("url-safe")]
    [InlineData("unpadded")]
    [InlineData("url-safe unpadded")]
    [InlineData("surrounding whitespace")]
    [InlineData("wrapped every 76")]
    [InlineData("upper-case scheme")]
    [InlineData("byte order mark")]
    public void Parse_Base64Variants_AllReadTheSameLink(string variant)
    {
        // "ps" chosen so the base64 holds '+' and '/' and needs padding: the variants really differ.
        var json = $$"""{"v":"2","ps":"~~~>>>???","add":"e.example","port":"443","id":"{{Id}}","net":"ws","path":"/p","tls":"tls"}""";
        var bytes = Encoding.UTF8.GetBytes(json);
        var base64 = Convert.ToBase64String(variant == "byte order mark" ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
        Assert.Contains('+', base64);
        Assert.Contains('/', base64);
        Assert.EndsWith("=", base64);
        var link = variant switch
        {
            "url-safe" => "vmess://" + base64.Replace('+', '-').Replace('/', '_'),
            "unpadded" => "vmess://" + base64.TrimEnd('='),
            "url-safe unpadded" => "vmess://" + base64.Replace('+', '-').Replace('/', '_').TrimEnd('='),
            "surrounding whitespace" => " \t\r\n vmess://" + base64 + "\r\n  ",
            "wrapped every 76" => "vmess://" + string.Join("\r\n", base64.Chunk(76).Select(c => new string(c))),
            "upper-case scheme" => "VMESS://" + base64,
            _ => "vmess://" + base64,
        };

        var result = VMessLinkParser.Parse(link);

        Assert.Empty(result.Errors);
        Assert.Equal("~~~>>>???", result.Link!.Name);
        Assert.Equal("e.example", result.Link.Address);
        Assert.Equal("/p", result.Link.Path);
    }

    [Theory]
    [InlineData($$"""{"add":"a.example","id":"{{Id}}"}""", "link: field \"port\": is missing")]
    [InlineData($$"""{"add":"a.example","port":"abc","id":"{{Id}}"}""", "link: field \"port\": \"abc\" is not a port number")]
    [InlineData($$"""{"add":"a.example","port":70000,"id":"{{Id}}"}""", "link: field \"port\": \"70000\" is not a port number")]
    [InlineData($$"""{"add":"a.example","port":"0","id":"{{Id}}"}""", "link: field \"port\": \"0\" is not a port number")]
    [InlineData($$"""{"add":"a.example","port":443.5,"id":"{{Id}}"}""", "link: field \"port\": \"443.5\" is not a port number")]
    [InlineData($$"""{"add":"a.example","port":true,"id":"{{Id}}"}""", "link: field \"port\": must be a string or a number, not true")]
    [InlineData($$"""{"add":"a.example","port":"443","id":"{{Id}}","aid":"-1"}""", "link: field \"aid\": \"-1\" is not an alterId (0 to 65535)")]
    [InlineData("""{"add":"a.example","port":"443"}""", "link: field \"id\": is missing")]
    [InlineData("""{"add":"a.example","port":"443","id":"12345"}""", "link: field \"id\": \"12345\" is not a UUID")]
    [InlineData($$"""{"port":"443","id":"{{Id}}"}""", "link: field \"add\": is missing")]
    [InlineData($$"""{"add":"  ","port":"443","id":"{{Id}}"}""", "link: field \"add\": is empty")]
    [InlineData($$"""{"add":{"host":"x"},"port":"443","id":"{{Id}}"}""", "link: field \"add\": must be a string or a number, not object")]
    [InlineData($$"""{"add":"a.example","port":"443","id":"{{Id}}","net":"kcp"}""", "link: field \"net\": \"kcp\" is not supported (one of \"tcp\", \"ws\")")]
    [InlineData($$"""{"add":"a.example","port":"443","id":"{{Id}}","scy":"rc4"}""", "link: field \"scy\": \"rc4\" is not supported")]
    [InlineData($$"""{"add":"a.example","port":"443","id":"{{Id}}","type":"http"}""", "link: field \"type\": \"http\" header obfuscation is not supported")]
    [InlineData($$"""{"add":"a.example","port":"443","id":"{{Id}}","tls":"xtls"}""", "link: field \"tls\": \"xtls\" is not supported")]
    [InlineData($$"""{"v":"1","add":"a.example","port":"443","id":"{{Id}}"}""", "link: field \"v\": version 1 links")]
    [InlineData($$"""{"v":"x","add":"a.example","port":"443","id":"{{Id}}"}""", "link: field \"v\": \"x\" is not a link version (2)")]
    [InlineData("[1,2]", "link: the decoded JSON is not an object")]
    [InlineData("aes-128-gcm:id@host:443", "link: the decoded text is not JSON")]
    public void Parse_BrokenField_FailsNamingTheField(string json, string error)
    {
        var result = VMessLinkParser.Parse(Support.Links.Make(json));

        Assert.Null(result.Link);
        Assert.Contains(result.Errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "link: is empty")]
    [InlineData("   ", "link: is empty")]
    [InlineData("vless://abc", "link: must start with \"vmess://\", not \"vless://abc\"")]
    [InlineData("vmess://", "link: the text after \"vmess://\" is not base64")]
    [InlineData("vmess://a", "link: the text after \"vmess://\" is not base64")]
    [InlineData("vmess://ab$cd", "link: the text after \"vmess://\" is not base64")]
    public void Parse_NotAVMessLink_FailsWithOneLine(string text, string error)
    {
        var result = VMessLinkParser.Parse(text);

        Assert.Null(result.Link);
        Assert.Equal([error], result.Errors);
    }

    [Fact]
    public void Parse_SeveralBadFields_ReportsEachOnce()
    {
        var result = VMessLinkParser.Parse(Support.Links.Make("""{"add":"","port":"x","id":"y","net":[1]}"""));

        Assert.Equal(
        [
            "link: field \"add\": is empty",
            "link: field \"port\": \"x\" is not a port number",
            "link: field \"id\": \"y\" is not a UUID such as \"b831381d-6324-4d53-ad4f-8cda48b30811\"",
            "link: field \"net\": must be a string or a number, not array",
        ], result.Errors);
    }

    [Fact]
    public async Task Import_BrokenLink_PrintsTheErrorsAndExitsOne()
    {
        var (code, output, errors) = await LinkCli.RunAsync("import", Support.Links.Make($$"""{"add":"a.example","port":"abc","id":"{{Id}}"}"""));

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("link: field \"port\": \"abc\" is not a port number", errors.Trim());
    }

    [Fact]
    public async Task Import_NonAsciiName_BecomesTheTag()
    {
        var (code, output, _) = await LinkCli.RunAsync("import", Support.Links.Make($$"""{"ps":"🇸🇬 Сингапур","add":"a.example","port":"443","id":"{{Id}}"}"""));

        Assert.Equal(0, code);
        Assert.Equal("🇸🇬 Сингапур", System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("tag").GetString());
        Assert.Contains("Сингапур", output); // letters stay readable; only the emoji's surrogates are escaped
    }
}
