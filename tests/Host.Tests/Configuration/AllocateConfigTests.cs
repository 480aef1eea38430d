using VMessPlugins.Host.Configuration;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Configuration;

public sealed class AllocateConfigTests : IDisposable
{
    private readonly SampleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Random_Defaults_AreV2Rays()
    {
        var config = _host.WriteConfig(Ranged("""{ "strategy": "random" }"""));

        var prepared = _host.Prepare(config);
        await using var _ = prepared!;

        Assert.Empty(_host.Diagnostics.Items);
        Assert.Equal(new AllocationSettings(PortAllocation.Random, TimeSpan.FromMinutes(5), 3), prepared!.Plan.Inbounds[0].Allocation);
    }

    [Fact]
    public async Task Random_GivenValues_AreRead()
    {
        var config = _host.WriteConfig(Ranged("""{ "Strategy": "RANDOM", "refresh": 2, "concurrency": "4" }"""));

        var prepared = _host.Prepare(config);
        await using var _ = prepared!;

        Assert.Equal(new AllocationSettings(PortAllocation.Random, TimeSpan.FromMinutes(2), 4), prepared!.Plan.Inbounds[0].Allocation);
    }

    [Fact]
    public void ConcurrencyNotBelowThePortCount_IsAnErrorAtItsPath()
    {
        var config = _host.WriteConfig(SampleHost.Config(port: 20001).Replace("""
            "inbounds": [
            """, """
            "inbounds": [
              { "tag": "first", "port": 20100, "listen": "127.0.0.1", "protocol": "sample-door", "settings": { "address": "127.0.0.1", "port": 9 } },
              { "tag": "dyn", "port": "20010-20013", "listen": "127.0.0.1", "protocol": "sample-door",
                "settings": { "address": "127.0.0.1", "port": 9 }, "allocate": { "strategy": "random", "concurrency": 4 } },
            """));

        var lines = _host.Check(config);

        Assert.Contains($"error: {config}: inbounds[1].allocate.concurrency: concurrency 4 must be less than the number of ports in \"port\" (4), as in V2Ray: give a wider port range", lines);
    }

    [Fact]
    public void DefaultConcurrencyOnASinglePort_IsAnErrorAtAllocate()
    {
        var config = _host.WriteConfig(SampleHost.Config(inboundExtra: """, "allocate": { "strategy": "random" } """));

        Assert.Contains(_host.Check(config), l => l.StartsWith($"error: {config}: inbounds[0].allocate: concurrency 3 (the default) must be less than", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "strategy": "sometimes" }""", "inbounds[0].allocate.strategy: must be \"always\" or \"random\", not \"sometimes\"")]
    [InlineData("""{ "strategy": "external" }""", "inbounds[0].allocate.strategy: \"external\" is not supported")]
    [InlineData("""{ "refresh": 5 }""", "inbounds[0].allocate.strategy: is required")]
    [InlineData("""{ "strategy": "random", "refresh": 0 }""", "inbounds[0].allocate.refresh: must be between 1 and 65535, not 0")]
    [InlineData("""{ "strategy": "random", "concurrency": 0 }""", "inbounds[0].allocate.concurrency: must be between 1 and 65535, not 0")]
    [InlineData("""{ "strategy": "random", "refresh": "soon" }""", "inbounds[0].allocate.refresh: must be an integer, not \"soon\"")]
    [InlineData("\"random\"", "inbounds[0].allocate: must be an object")]
    public void BadAllocate_IsAnErrorAtItsPath(string allocate, string expected)
    {
        var config = _host.WriteConfig(Ranged(allocate));

        Assert.Contains(_host.Check(config), l => l.StartsWith($"error: {config}: {expected}", StringComparison.Ordinal));
    }

    [Fact]
    public void AlwaysWithRandomOnlyKeys_WarnsTheyAreIgnored()
    {
        var config = _host.WriteConfig(Ranged("""{ "strategy": "always", "refresh": 3, "concurrency": 2 }"""));

        var lines = _host.Check(config);

        Assert.Contains($"warning: {config}: inbounds[0].allocate.refresh: only applies to strategy \"random\" and is ignored", lines);
        Assert.Contains($"warning: {config}: inbounds[0].allocate.concurrency: only applies to strategy \"random\" and is ignored", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public void RefreshOfOneMinute_IsAcceptedWithAWarning()
    {
        var config = _host.WriteConfig(Ranged("""{ "strategy": "random", "refresh": 1 }"""));

        var line = Assert.Single(_host.Check(config));

        Assert.StartsWith($"warning: {config}: inbounds[0].allocate.refresh: is below the minimum of 2 minutes", line);
    }

    private static string Ranged(string allocate) =>
        SampleHost.Config(inboundExtra: $$""", "allocate": {{allocate}} """).Replace("20001", "\"20010-20019\"");
}
