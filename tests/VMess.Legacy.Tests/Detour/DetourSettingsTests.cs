using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Plugins.VMess.Inbound;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>How the vmess inbound reads detour and default (V2Ray's JSON, including the older features.detour).</summary>
public sealed class DetourSettingsTests
{
    [Theory]
    [InlineData("""{"detour": {"to": "dyn"}}""", "dyn")]
    [InlineData("""{"features": {"detour": {"to": "old"}}}""", "old")]
    [InlineData("""{"detour": {"to": "new"}, "features": {"detour": {"to": "old"}}}""", "new")]
    [InlineData("""{}""", null)]
    public void Detour_ReadFromEitherSpelling_NoDiagnostics(string json, string? expected)
    {
        var diagnostics = new ConfigDiagnostics();

        var settings = VMessInboundSettingsReader.Read(TestSettings.Read($$"""{"settings": {{json}} }""", diagnostics), legacyAvailable: true);

        Assert.NotNull(settings);
        Assert.Equal(expected, settings.DetourTo);
        Assert.Empty(diagnostics.Items);
    }

    [Theory]
    [InlineData("""{"detour": {"to": ""}}""", "settings.detour.to")]
    [InlineData("""{"detour": {"to": "x", "tag": "y"}}""", "settings.detour.tag")]
    public void Detour_EmptyOrUnknownKey_WarningWithPathAndTheInboundStillLoads(string json, string path)
    {
        var diagnostics = new ConfigDiagnostics();

        var settings = VMessInboundSettingsReader.Read(TestSettings.Read($$"""{"settings": {{json}} }""", diagnostics), legacyAvailable: true);

        Assert.NotNull(settings);
        var warning = Assert.Single(diagnostics.Items);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        Assert.Equal(path, warning.JsonPath);
    }

    [Theory]
    [InlineData("""{}""", 0u, 0)]
    [InlineData("""{"default": {"level": 2}}""", 2u, 0)]
    [InlineData("""{"default": {"alterId": 16}}""", 0u, 16)]
    public void Default_GivesTheDetourAccountLevelAndAlterId(string json, uint level, int alterId)
    {
        var settings = VMessInboundSettingsReader.Read(TestSettings.Read($$"""{"settings": {{json}} }""", new ConfigDiagnostics()), legacyAvailable: true);

        Assert.Equal(new DetourDefaults(level, alterId), settings?.EffectiveDefaults);
    }
}
