using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Plugins;
using VMessPlugins.Host.Runtime;

namespace VMessPlugins.Host.Cli;

internal static partial class CommandRunner
{
    private static async Task<int> ListPluginsAsync(CliOptions options, TextWriter output)
    {
        var diagnostics = new ConfigDiagnostics();
        var (services, plugins) = HostPreparation.LoadPlugins(options.PluginManifestOrDefault, null, NullLoggerFactory.Instance, diagnostics);
        if (services is not null)
        {
            await using var provider = services.Collection.BuildServiceProvider();
            PluginIndex.Build(provider, services.Collection, services.Registrations, diagnostics);
        }

        foreach (var plugin in plugins)
        {
            var version = plugin.Facts?.Version.ToString() ?? "?";
            var provides = plugin.Provides.Count > 0 ? string.Join(", ", plugin.Provides) : plugin.Loaded ? "nothing" : "-";
            await output.WriteLineAsync($"{plugin.Name} {version}: {plugin.StateText}").ConfigureAwait(false);
            await output.WriteLineAsync($"  folder:   {plugin.Folder}").ConfigureAwait(false);
            await output.WriteLineAsync($"  provides: {provides}").ConfigureAwait(false);
        }

        if (plugins.Count == 0)
        {
            await output.WriteLineAsync("no plugins found").ConfigureAwait(false);
        }

        await PrintDiagnosticsAsync(diagnostics, output).ConfigureAwait(false);
        return diagnostics.HasErrors ? 1 : 0;
    }
}
