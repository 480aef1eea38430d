using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Management;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Host.Stats;

namespace VMessPlugins.Host.Cli;

internal static partial class CommandRunner
{
    private static async Task<int> RunProxyAsync(CliOptions options, TextWriter errors)
    {
        var diagnostics = new ConfigDiagnostics();
        var prepared = HostPreparation.Prepare(options.ConfigFilesOrDefault, options.PluginManifestOrDefault, diagnostics);
        var management = ManagementSetup.Read(options.ConfigFilesOrDefault, diagnostics);
        if (prepared is null || diagnostics.HasErrors)
        {
            await PrintDiagnosticsAsync(diagnostics, errors).ConfigureAwait(false);
            if (prepared is not null)
            {
                await prepared.DisposeAsync().ConfigureAwait(false);
            }

            return 1;
        }

        var runtime = new HostRuntime(prepared, management, new TrafficStats(), TimeProvider.System);
        await using (runtime.ConfigureAwait(false))
        {
            var loggers = prepared.LoggerFactory;
            using var stop = new CancellationTokenSource();
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => RequestStop(context, stop));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => RequestStop(context, stop));
            using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => RequestReload(context, runtime, stop.Token));
            var started = runtime.Start(diagnostics);
            await PrintDiagnosticsAsync(diagnostics, errors).ConfigureAwait(false);
            if (!started)
            {
                await runtime.StopAsync().ConfigureAwait(false);
                return 1;
            }

            await using var api = management is null ? null
                : new ManagementApi(management, runtime.Stats, runtime, loggers.CreateLogger<ManagementApi>());
            if (api is not null && !await TryStartApiAsync(api, management!, errors).ConfigureAwait(false))
            {
                await runtime.StopAsync().ConfigureAwait(false);
                return 1;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGINT or SIGTERM.
            }

            await runtime.StopAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<bool> TryStartApiAsync(ManagementApi api, ManagementSettings settings, TextWriter errors)
    {
        try
        {
            api.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            await errors.WriteLineAsync($"error: management API: {settings.BaseAddress} cannot be listened on: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static void RequestStop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    // SIGHUP: reload in the background; the runtime logs the outcome (errors included).
    private static void RequestReload(PosixSignalContext context, HostRuntime runtime, CancellationToken stopping)
    {
        context.Cancel = true;
        _ = Task.Run(async () =>
        {
            try
            {
                await runtime.ReloadAsync(ReloadRequest.FromConfig, stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                // Stopping anyway.
            }
        }, CancellationToken.None);
    }
}
