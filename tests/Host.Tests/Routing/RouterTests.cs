using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Routing;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Routing;

public sealed class RouterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ConfigDiagnostics _diagnostics = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("in-a", "example.com", 443, "a")]
    [InlineData("in-b", "example.com", 443, "default")]
    [InlineData("in-b", "ads.tracker.net", 80, "block")]
    [InlineData("in-b", "www.google.com", 80, "google")]
    [InlineData("in-b", "google.com", 80, "google")]
    [InlineData("in-b", "notgoogle.com", 80, "default")]
    [InlineData("in-b", "10.1.2.3", 80, "lan")]
    [InlineData("in-b", "11.1.2.3", 8080, "high")]
    [InlineData("in-b", "exact.org", 1, "exact")]
    [InlineData("in-b", "sub.exact.org", 1, "default")]
    public void Route_Rules_FirstMatchWinsElseFirstOutbound(string inbound, string host, int port, string expected)
    {
        var router = Read("""
            [
              { "type": "field", "inboundTag": ["in-a"], "outboundTag": "a" },
              { "type": "field", "domain": ["keyword:tracker", "regexp:^ads\\."], "outboundTag": "block" },
              { "type": "field", "domain": "domain:google.com", "outboundTag": "google" },
              { "type": "field", "ip": ["10.0.0.0/8", "::1"], "outboundTag": "lan" },
              { "type": "field", "network": "tcp", "port": "8000-9000", "outboundTag": "high" },
              { "type": "field", "domain": ["full:exact.org"], "outboundTag": "exact" }
            ]
            """);

        var tag = router.Route(new SessionContext { InboundTag = inbound }, Destination.Tcp(Address.Parse(host), (ushort)port));

        Assert.Empty(_diagnostics.Items);
        Assert.Equal(expected, tag);
    }

    [Fact]
    public void Route_UserRule_MatchesEmail()
    {
        var router = Read("""[ { "type": "field", "user": ["alice@example.com"], "outboundTag": "a" } ]""");
        var session = new SessionContext { InboundTag = "x", User = new UserInfo("id", "alice@example.com", 0) };

        Assert.Equal("a", router.Route(session, Destination.Udp(Address.Parse("1.1.1.1"), 53)));
        Assert.Equal("default", router.Route(new SessionContext { InboundTag = "x" }, Destination.Udp(Address.Parse("1.1.1.1"), 53)));
    }

    [Fact]
    public void Read_GeositeAndBadCidr_AreErrorsWithPath()
    {
        Read("""[ { "type": "field", "domain": ["geosite:cn"], "ip": ["10.0.0.0/40"], "outboundTag": "a" } ]""");

        var lines = _diagnostics.Items.Select(d => d.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains("routing.rules[0].domain: \"geosite:cn\" is not supported", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("routing.rules[0].ip: \"10.0.0.0/40\"", StringComparison.Ordinal));
    }

    private Router Read(string rules)
    {
        var path = _temp.Write("c.json", $$"""{ "routing": { "rules": {{rules}} } }""");
        var document = ConfigDocumentReader.Read(ConfigFileLoader.Load([path], _diagnostics), _diagnostics);
        string[] tags = ["default", "a", "block", "google", "lan", "high", "exact"];
        return RoutingReader.Read(document.Routing, tags, _diagnostics);
    }
}
