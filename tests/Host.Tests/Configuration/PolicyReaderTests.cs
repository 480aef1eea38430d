using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Configuration;

public sealed class PolicyReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ConfigDiagnostics _diagnostics = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_NoPolicyKey_LevelOneIdlesAfterSixHundredSeconds()
    {
        var policies = Read("{}").Policies;

        Assert.Equal(TimeSpan.FromSeconds(600), policies.GetPolicy(1).ConnectionIdle);
        Assert.Equal(TimeSpan.FromSeconds(300), policies.GetPolicy(0).ConnectionIdle);
        Assert.Equal(TimeSpan.FromSeconds(60), policies.GetPolicy(0).Handshake);
    }

    [Fact]
    public void Read_LevelGiven_OverridesOnlyItsKeys()
    {
        var policies = Read("""{ "policy": { "levels": { "0": { "connIdle": 30, "bufferSize": 4 } } } }""").Policies;

        var level0 = policies.GetPolicy(0);
        Assert.Equal(TimeSpan.FromSeconds(30), level0.ConnectionIdle);
        Assert.Equal(4096, level0.BufferSize);
        Assert.Equal(TimeSpan.FromSeconds(1), level0.UplinkOnly);
        Assert.Equal(TimeSpan.FromSeconds(300), policies.GetPolicy(1).ConnectionIdle);
        Assert.Empty(_diagnostics.Items);
    }

    [Fact]
    public void Read_NegativeTimeoutAndStats_ErrorAndWarning()
    {
        var path = _temp.Write("c.json", """{ "policy": { "levels": { "0": { "handshake": -1, "statsUserUplink": true } } } }""");
        Read(path, isPath: true);

        var lines = _diagnostics.Items.Select(d => d.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith($"error: {path}: policy.levels[0].handshake: must be between 0", StringComparison.Ordinal));
        Assert.Contains($"warning: {path}: policy.levels[0].statsUserUplink: is not supported and is ignored", lines);
    }

    private ConfigDocument Read(string jsonOrPath, bool isPath = false)
    {
        var path = isPath ? jsonOrPath : _temp.Write("c.json", jsonOrPath);
        return ConfigDocumentReader.Read(ConfigFileLoader.Load([path], _diagnostics), _diagnostics);
    }
}
