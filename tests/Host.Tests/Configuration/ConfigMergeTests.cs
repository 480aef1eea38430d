using VMessPlugins.Host.Configuration;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Configuration;

public sealed class ConfigMergeTests : IDisposable
{
    private readonly SampleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Prepare_SecondFile_AppendsInboundsAndReplacesSameTag()
    {
        var first = _host.WriteConfig(SampleHost.Config(port: 20001), "a.json");
        var second = _host.WriteConfig("""
            {
              "inbounds": [
                { "tag": "door", "listen": "127.0.0.1", "port": 20003, "protocol": "sample-door", "settings": { "address": "127.0.0.1", "port": 9 } },
                { "tag": "extra", "listen": "127.0.0.1", "port": 20002, "protocol": "sample-door", "settings": { "address": "127.0.0.1", "port": 9 } }
              ],
              "log": { "loglevel": "error" }
            }
            """, "b.json");

        var prepared = _host.Prepare(first, second);
        await using var _ = prepared!;

        Assert.False(_host.Diagnostics.HasErrors, string.Join("\n", _host.Diagnostics.Items));
        Assert.Equal(["door", "extra"], prepared!.Plan.Inbounds.Select(i => i.Definition.Tag));
        Assert.Equal((ushort)20003, prepared.Plan.Inbounds[0].Definition.Ports[0]);
        Assert.Contains("direct", prepared.Plan.Outbounds.Keys);
    }

    [Fact]
    public async Task Prepare_PortRange_ListensOnEveryPort()
    {
        var config = _host.WriteConfig(SampleHost.Config().Replace("20001", "\"20010-20012\""));

        var prepared = _host.Prepare(config);
        await using var _ = prepared!;

        Assert.Equal([20010, 20011, 20012], prepared!.Plan.Inbounds[0].Definition.Ports.Select(p => (int)p));
        Assert.Equal(PortAllocation.Always, prepared.Plan.Inbounds[0].Allocation.Strategy);
    }

    [Fact]
    public async Task Prepare_KeysInOtherCase_AreRead()
    {
        var config = _host.WriteConfig(SampleHost.Config().Replace("\"inbounds\"", "\"INBOUNDS\"").Replace("\"protocol\": \"sample-door\"", "\"Protocol\": \"Sample-Door\""));

        var prepared = _host.Prepare(config);
        await using var _ = prepared!;

        Assert.Empty(_host.Diagnostics.Items);
        Assert.Equal("sample-door", Assert.Single(prepared!.Plan.Inbounds).Definition.Protocol);
    }

    [Fact]
    public void ReadLog_Levels_MapAndFilesKept()
    {
        var path = _host.WriteConfig("""{ "log": { "loglevel": "none", "access": "/tmp/a.log", "error": "" } }""");
        var diagnostics = new VMessPlugins.Abstractions.Configuration.ConfigDiagnostics();
        var document = ConfigDocumentReader.Read(ConfigFileLoader.Load([path], diagnostics), diagnostics);

        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.None, document.Log.Level);
        Assert.Equal("/tmp/a.log", document.Log.AccessFile);
        Assert.Null(document.Log.ErrorFile);
    }
}
