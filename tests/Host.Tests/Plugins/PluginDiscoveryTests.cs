using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Plugins;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Plugins;

public sealed class PluginDiscoveryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ConfigDiagnostics _diagnostics = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Discover_ListedAndUnlistedFolders_ReportsEachState()
    {
        PluginFolder.CopySample(_temp);
        PluginFolder.CopyHostPlugin(_temp, "Transport.Tcp");
        var manifest = PluginManifestReader.Read(PluginFolder.WriteManifest(_temp, """{ "SamplePlugin": true }"""), _diagnostics)!;

        var found = PluginDiscovery.Discover(manifest, _diagnostics);

        Assert.Equal(PluginState.Enabled, found.Single(p => p.Name == "SamplePlugin").State);
        var tcp = found.Single(p => p.Name == "Transport.Tcp");
        Assert.Equal(PluginState.NotListed, tcp.State);
        Assert.Equal("disabled (not listed in plugins.json)", tcp.StateText);
        Assert.Equal(new Version(0, 1, 0, 0), found.Single(p => p.Name == "SamplePlugin").Facts!.Version);
    }

    [Fact]
    public void LoadPlugins_EnabledSample_RegistersItsFactories()
    {
        PluginFolder.CopySample(_temp);
        var (services, plugins) = Load("""{ "SamplePlugin": true }""");

        Assert.False(_diagnostics.HasErrors, string.Join("\n", _diagnostics.Items));
        Assert.True(plugins.Single().Loaded);
        using var provider = services!.Collection.BuildServiceProvider();
        var index = PluginIndex.Build(provider, services.Collection, services.Registrations, _diagnostics);
        Assert.NotNull(index.Outbound("SAMPLE-DIRECT"));
        Assert.NotNull(index.Inbound("sample-door"));
        Assert.Contains("outbound sample-direct", plugins.Single().Provides);
    }

    [Fact]
    public void LoadPlugins_DisabledPlugin_IsNotLoaded()
    {
        PluginFolder.CopySample(_temp);
        var (services, plugins) = Load("""{ "SamplePlugin": false }""");

        Assert.False(plugins.Single().Loaded);
        Assert.DoesNotContain(services!.Collection, d => d.ServiceType == typeof(IOutboundFactory));
        Assert.Equal("disabled (plugins.json)", plugins.Single().StateText);
    }

    [Fact]
    public void LoadPlugins_FeatureSwitchedOff_PluginSeesIt()
    {
        PluginFolder.CopySample(_temp);
        var (services, _) = Load("""{ "SamplePlugin": { "enabled": true, "features": { "door": false } } }""");

        Assert.DoesNotContain(services!.Collection, d => d.ServiceType == typeof(IInboundFactory));
        Assert.Contains(services.Collection, d => d.ServiceType == typeof(IOutboundFactory));
    }

    [Fact]
    public void LoadPlugins_OtherAbstractionsMajor_IsRefusedNamingTheFile()
    {
        var folder = PluginFolder.CopySample(_temp);
        var dll = Path.Combine(folder, "VMessPlugins.SamplePlugin.dll");
        AbstractionsReferencePatcher.SetMajor(dll, 2);

        var (_, plugins) = Load("""{ "SamplePlugin": true }""");

        Assert.False(plugins.Single().Loaded);
        var error = Assert.Single(_diagnostics.Items, d => d.Severity == ConfigSeverity.Error);
        Assert.StartsWith($"error: {dll}: plugin \"SamplePlugin\" is refused: built against VMessPlugins.Abstractions 2.", error.ToString());
        Assert.Contains("major version 1", error.Message);
    }

    [Fact]
    public void LoadPlugins_GarbageDll_IsRefusedClearly()
    {
        var dll = _temp.Write("plugins/Broken/VMessPlugins.Broken.dll", "this is not a PE file at all");

        var (_, plugins) = Load("""{ "Broken": true }""");

        Assert.False(plugins.Single().Loaded);
        var text = Assert.Single(_diagnostics.Items).ToString();
        Assert.StartsWith($"error: {dll}: plugin \"Broken\" is refused: not a valid .NET assembly", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public void LoadPlugins_AssemblyWithoutUsableEntry_IsRefusedNamingTheFile()
    {
        // This test assembly as a "plugin": its dependencies are absent and it has no IPlugin class.
        var folder = _temp.File("plugins/NoEntry");
        Directory.CreateDirectory(folder);
        File.Copy(typeof(PluginDiscoveryTests).Assembly.Location, Path.Combine(folder, "VMessPlugins.NoEntry.dll"));

        var (_, plugins) = Load("""{ "NoEntry": true }""");

        Assert.False(plugins.Single().Loaded);
        var error = Assert.Single(_diagnostics.Items, d => d.Severity == ConfigSeverity.Error);
        Assert.StartsWith($"error: {Path.Combine(folder, "VMessPlugins.NoEntry.dll")}: plugin \"NoEntry\"", error.ToString());
    }

    [Fact]
    public void LoadPlugins_ConfigureServicesThrows_ErrorNamesFileAndReasonAndRollsBack()
    {
        var folder = PluginFolder.CopySample(_temp);
        var (services, plugins) = Load("""{ "SamplePlugin": { "features": { "well-behaved": false } } }""");

        Assert.False(plugins.Single().Loaded);
        var text = Assert.Single(_diagnostics.Items).ToString();
        Assert.Equal(
            $"error: {Path.Combine(folder, "VMessPlugins.SamplePlugin.dll")}: plugin \"SamplePlugin\" failed in ConfigureServices: InvalidOperationException: switched to misbehave by plugins.json",
            text);
        Assert.DoesNotContain(services!.Collection, d => d.ServiceType == typeof(IOutboundFactory));
    }

    [Fact]
    public void BuildIndex_TwoPluginsClaimOneProtocol_ErrorNamesBoth()
    {
        PluginFolder.CopySample(_temp, "SampleA");
        PluginFolder.CopySample(_temp, "SampleB");
        var (services, _) = Load("""{ "SampleA": true, "SampleB": true }""");

        using var provider = services!.Collection.BuildServiceProvider();
        PluginIndex.Build(provider, services.Collection, services.Registrations, _diagnostics);

        var error = Assert.Single(_diagnostics.Items, d => d.Message.Contains("sample-direct"));
        Assert.Contains("\"SampleA\"", error.Message);
        Assert.Contains("\"SampleB\"", error.Message);
    }

    [Fact]
    public void ReadManifest_MalformedJson_ReportsLineAndColumn()
    {
        var path = _temp.Write("plugins.json", "{\n  \"plugins\": { \"A\": true,, }\n}");

        Assert.Null(PluginManifestReader.Read(path, _diagnostics));

        var text = Assert.Single(_diagnostics.Items).ToString();
        Assert.StartsWith($"error: {path}: line 2, column ", text);
    }

    private (PluginServices? Services, IReadOnlyList<DiscoveredPlugin> Plugins) Load(string pluginsJson) =>
        HostPreparation.LoadPlugins(PluginFolder.WriteManifest(_temp, pluginsJson), null, NullLoggerFactory.Instance, _diagnostics);
}
