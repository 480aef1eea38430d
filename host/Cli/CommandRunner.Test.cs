using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Management;
using VMessPlugins.Host.Runtime;

namespace VMessPlugins.Host.Cli;

internal static partial class CommandRunner
{
    private static async Task<int> TestAsync(CliOptions options, TextWriter output)
    {
        var diagnostics = new ConfigDiagnostics();
        var prepared = HostPreparation.Prepare(options.ConfigFilesOrDefault, options.PluginManifestOrDefault, diagnostics);
        ManagementSetup.Read(options.ConfigFilesOrDefault, diagnostics);
        if (prepared is not null)
        {
            await prepared.DisposeAsync().ConfigureAwait(false);
        }

        await PrintDiagnosticsAsync(diagnostics, output).ConfigureAwait(false);
        if (diagnostics.HasErrors)
        {
            return 1;
        }

        await output.WriteLineAsync("Configuration OK.").ConfigureAwait(false);
        return 0;
    }
}
