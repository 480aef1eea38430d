using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Configuration;

public sealed class ConfigErrorTests : IDisposable
{
    private readonly SampleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Check_ValidConfig_NoDiagnostics()
    {
        var lines = _host.Check(_host.WriteConfig(SampleHost.Config()));

        Assert.Empty(lines);
    }

    [Fact]
    public void Check_MalformedJson_NamesFileLineAndColumn()
    {
        var path = _host.WriteConfig("{\n  // comment\n  \"inbounds\": [ { \"port\": 1 } }\n}");

        var line = Assert.Single(_host.Check(path));

        Assert.StartsWith($"error: {path}: line 3, column ", line);
        Assert.DoesNotContain("   at ", line);
    }

    [Fact]
    public void Check_PortNotANumber_NamesJsonPath()
    {
        var path = _host.WriteConfig(SampleHost.Config().Replace("20001", "\"eighty\""));

        Assert.Contains(_host.Check(path), l => l.StartsWith($"error: {path}: inbounds[0].port: must be a port", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PortOutOfRange_NamesJsonPath()
    {
        var path = _host.WriteConfig(SampleHost.Config(port: 70000));

        Assert.Contains(_host.Check(path), l => l.StartsWith($"error: {path}: inbounds[0].port:", StringComparison.Ordinal) && l.Contains("70000"));
    }

    [Fact]
    public void Check_SettingsOfWrongType_NamesJsonPath()
    {
        var path = _host.WriteConfig(SampleHost.Config().Replace("\"port\": 9", "\"port\": \"nine\""));

        Assert.Contains(_host.Check(path), l => l.StartsWith($"error: {path}: inbounds[0].settings.port: must be an integer", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DuplicateOutboundTags_NamesBothPaths()
    {
        var path = _host.WriteConfig(SampleHost.Config(outboundExtra: """ }, { "tag": "direct", "protocol": "sample-direct" """));

        Assert.Contains(_host.Check(path), l => l == $"error: {path}: outbounds[1].tag: duplicate tag \"direct\", also at outbounds[0].tag");
    }

    [Fact]
    public void Check_ProtocolOfMissingPlugin_NamesProtocolPathAndPlugin()
    {
        var path = _host.WriteConfig(SampleHost.Config().Replace("sample-door", "socks"));

        var line = Assert.Single(_host.Check(path), l => l.StartsWith("error:", StringComparison.Ordinal));

        Assert.StartsWith($"error: {path}: inbounds[0].protocol: inbound protocol \"socks\"", line);
        Assert.Contains("\"Socks\"", line);
        Assert.Contains("plugins.json", line);
    }

    [Fact]
    public void Check_UnknownProtocol_SaysNoPluginProvidesIt()
    {
        var path = _host.WriteConfig(SampleHost.Config().Replace("sample-direct", "teleport"));

        Assert.Contains(_host.Check(path), l => l.StartsWith($"error: {path}: outbounds[0].protocol: outbound protocol \"teleport\": no enabled plugin", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_UnsupportedKey_WarnsWithPath()
    {
        var path = _host.WriteConfig(SampleHost.Config(inboundExtra: """, "sniffing": { "enabled": true } """, topExtra: """, "dns": {} """));

        var lines = _host.Check(path);

        Assert.Contains($"warning: {path}: inbounds[0].sniffing: is not supported and is ignored", lines);
        Assert.Contains($"warning: {path}: dns: is not supported and is ignored", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_RuleToUnknownOutbound_NamesRulePath()
    {
        var path = _host.WriteConfig(SampleHost.Config(topExtra: """
            , "routing": { "rules": [ { "type": "field", "inboundTag": ["door"], "outboundTag": "nowhere" } ] }
            """));

        Assert.Contains($"error: {path}: routing.rules[0].outboundTag: no outbound has the tag \"nowhere\"", _host.Check(path));
    }

    [Fact]
    public void Check_RuleWithoutFieldType_IsAnError()
    {
        var path = _host.WriteConfig(SampleHost.Config(topExtra: """
            , "routing": { "rules": [ { "inboundTag": "door", "outboundTag": "direct" } ] }
            """));

        Assert.Contains(_host.Check(path), l => l.StartsWith($"error: {path}: routing.rules[0].type:", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TlsWithoutPlugin_NamesTransportTls()
    {
        var path = _host.WriteConfig(SampleHost.Config(outboundExtra: """, "streamSettings": { "security": "tls" } """));

        Assert.Contains(_host.Check(path), l => l.StartsWith($"error: {path}: outbounds[0].streamSettings.security:", StringComparison.Ordinal) && l.Contains("Transport.Tls"));
    }

    [Fact]
    public void Check_BadLogLevel_NamesJsonPath()
    {
        var path = _host.WriteConfig(SampleHost.Config(topExtra: """, "log": { "loglevel": "loud" } """));

        Assert.Contains(_host.Check(path), l => l.StartsWith($"error: {path}: log.loglevel:", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ManyMistakes_ReportsAllOfThem()
    {
        var path = _host.WriteConfig(SampleHost.Config(port: 0).Replace("sample-direct", "teleport"));

        Assert.Equal(2, _host.Check(path).Count(l => l.StartsWith("error:", StringComparison.Ordinal)));
    }
}
