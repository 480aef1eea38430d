using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Links;

public sealed class ImportedOutboundValidationTests
{
    [Theory]
    [InlineData($$"""{"v":"2","ps":"ws-tls","add":"proxy.example.com","port":"443","id":"{{Support.Links.Id}}","aid":"0","scy":"aes-128-gcm","net":"ws","type":"none","host":"cdn.example.com","path":"/ray","tls":"tls","sni":"sni.example.com"}""")]
    [InlineData($$"""{"v":2,"add":"10.0.0.2","port":10086,"id":"{{Support.Links.Id}}","aid":0}""")]
    [InlineData($$"""{"v":"2","add":"10.0.0.2","port":"10086","id":"{{Support.Links.Id}}","aid":"16","scy":"chacha20-poly1305","tls":"tls"}""")]
    public async Task Import_Link_GivesAnOutboundTheHostAcceptsWithoutWarnings(string json)
    {
        var (code, outbound, _) = await LinkCli.RunAsync("import", Support.Links.Make(json));
        using var config = new TempConfig($$"""{ "outbounds": [ {{outbound}} ] }""");
        var diagnostics = new ConfigDiagnostics();

        var prepared = HostPreparation.Prepare([config.FilePath], HostOutput.PluginManifest, diagnostics);
        await using (prepared)
        {
            Assert.Equal(0, code);
            Assert.NotNull(prepared);
            Assert.Empty(diagnostics.Items.Select(d => d.ToString()));
            Assert.Single(prepared.Plan.Outbounds.Values.Distinct());
        }
    }
}
