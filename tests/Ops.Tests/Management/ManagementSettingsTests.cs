using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Management;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Management;

public sealed class ManagementSettingsTests
{
    [Theory]
    [InlineData("""{ "management": { "listen": "0.0.0.0", "port": 1, "token": "0123456789abcdef" } }""", "management.listen: must be a loopback address")]
    [InlineData("""{ "management": { "port": 1, "token": "short" } }""", "management.token: must be at least 16 characters")]
    [InlineData("""{ "management": { "port": 1 } }""", "management.token: is required")]
    [InlineData("""{ "management": { "token": "0123456789abcdef" } }""", "management.port: is required")]
    public void Read_BadSection_IsAnErrorWithItsPath(string json, string message)
    {
        using var config = new TempConfig(json);
        var diagnostics = new ConfigDiagnostics();

        var settings = ManagementSetup.Read([config.FilePath], diagnostics);

        Assert.Null(settings);
        Assert.Contains(diagnostics.Items, d => d.Severity == ConfigSeverity.Error && d.ToString().Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NoSection_MeansTheApiIsOff()
    {
        using var config = new TempConfig("""{ "outbounds": [] }""");
        var diagnostics = new ConfigDiagnostics();

        Assert.Null(ManagementSetup.Read([config.FilePath], diagnostics));
        Assert.Empty(diagnostics.Items);
    }

    [Fact]
    public void Read_ValidSection_DefaultsToIPv4Loopback()
    {
        using var config = new TempConfig("""{ "management": { "port": 10085, "token": "0123456789abcdef" } }""");

        var settings = ManagementSetup.Read([config.FilePath], new ConfigDiagnostics());

        Assert.Equal(new Uri("http://127.0.0.1:10085/"), settings!.BaseAddress);
    }
}
