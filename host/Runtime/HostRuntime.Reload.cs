using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Management;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// Live reload: build and validate a whole new plan (the checks of <c>test</c>); on any error keep
/// everything as it runs. Then per inbound, matched by tag (untagged ones by position among the
/// untagged): keep its listeners and connections when only settings the handler can take live changed,
/// else start a new runner and stop the old one's listeners. Outbounds and routing switch for new
/// connections; open connections keep theirs.
/// </summary>
internal sealed partial class HostRuntime
{
    public async Task<ReloadOutcome> ReloadAsync(ReloadRequest request, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReloadLockedAsync(request).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A plugin that throws while validating must not take the running host down.
            LogReloadFailed(ex);
            return new ReloadOutcome(false, "reload failed", [$"error: reload failed: {ex.GetType().Name}: {ex.Message}"], []);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ReloadOutcome> ReloadLockedAsync(ReloadRequest request)
    {
        if (_stopped)
        {
            return new ReloadOutcome(false, "the host is stopping", ["error: the host is stopping; nothing was reloaded"], []);
        }

        LogReloading(string.Join(", ", _host.ConfigFiles));
        var diagnostics = new ConfigDiagnostics();
        var files = ConfigFileLoader.Load(_host.ConfigFiles, diagnostics);
        ConfigDocument? document = null;
        PluginSet? plugins = null;
        ProxyPlan? plan = null;
        if (!diagnostics.HasErrors)
        {
            document = ConfigDocumentReader.Read(files, diagnostics);
            plugins = _host.PluginHost.Load(_host.ManifestPath, diagnostics);
            plan = plugins is null ? null : ProxyPlanBuilder.Build(document, plugins.Index, diagnostics);
        }

        var management = ManagementSetup.Read(_host.ConfigFiles, diagnostics);
        if (diagnostics.HasErrors || document is null || plugins is null || plan is null)
        {
            return await RefuseAsync(diagnostics, plan, plugins).ConfigureAwait(false);
        }

        WarnRestartOnly(document, management, files[^1].Name, diagnostics);
        var reloader = new InboundReloader(_server, _logger);
        var steps = InboundReloader.Match(_server.Runners, plan);
        var failure = await reloader.SwitchListenersAsync(steps).ConfigureAwait(false);
        if (failure is not null)
        {
            diagnostics.Error(null, "inbounds", failure);
            return await RefuseAsync(diagnostics, plan, plugins).ConfigureAwait(false);
        }

        await reloader.ReconfigureKeptAsync(steps).ConfigureAwait(false);
        var drop = new ReloadSettings(
            request.DropRemovedUsers ?? document.Reload.DropRemovedUsers,
            request.DropReplacedInbounds ?? document.Reload.DropReplacedInbounds);
        _host.PluginHost.Commit(plugins);
        _host.Policies.Current = document.Policies;
        var ended = reloader.Commit(NewGeneration(plan, document), steps, drop);
        _document = document;
        var summary = InboundReloader.Summarize(steps, ended) + "; log level " + LogSettingsReader.NameOf(document.Log.Level);
        foreach (var warning in diagnostics.Items)
        {
            LogReloadProblem(warning.ToString());
        }

        // Logged before the new level applies, so a reload to "error" still says what it did.
        LogReloaded(summary);
        _host.LogSwitch.Apply(document.Log);

        return new ReloadOutcome(true, summary, [], [.. diagnostics.Items.Select(d => d.ToString())]);
    }

    private async Task<ReloadOutcome> RefuseAsync(ConfigDiagnostics diagnostics, ProxyPlan? plan, PluginSet? plugins)
    {
        if (plan is not null)
        {
            await HandlerDisposal.DisposeAllAsync(plan.Inbounds.Select(i => (object)i.Handler).Concat(plan.Outbounds.Values)).ConfigureAwait(false);
        }

        await _host.PluginHost.DiscardAsync(plugins).ConfigureAwait(false);
        var errors = diagnostics.Items.Where(d => d.Severity == ConfigSeverity.Error).Select(d => d.ToString()).ToList();
        LogReloadRefused(errors.Count);
        foreach (var item in diagnostics.Items)
        {
            LogReloadProblem(item.ToString());
        }

        return new ReloadOutcome(false, $"reload refused: {errors.Count} error(s); the running config is unchanged", errors,
            [.. diagnostics.Items.Where(d => d.Severity != ConfigSeverity.Error).Select(d => d.ToString())]);
    }

    private void WarnRestartOnly(ConfigDocument document, ManagementSettings? management, string file, ConfigDiagnostics diagnostics)
    {
        if (management != _management)
        {
            diagnostics.Warning(file, "management", "changes take effect after a restart; the API goes on as it was started");
        }

        if (document.Log.ErrorFile != _document.Log.ErrorFile || document.Log.AccessFile != _document.Log.AccessFile)
        {
            diagnostics.Warning(file, "log", "a new log file takes effect after a restart (the level and the access switch changed now)");
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "reloading {Files}")]
    private partial void LogReloading(string files);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "reloaded: {Summary}")]
    private partial void LogReloaded(string summary);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "reload refused ({Count} error(s)); the running config is unchanged")]
    private partial void LogReloadRefused(int count);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error, Message = "reload failed unexpectedly")]
    private partial void LogReloadFailed(Exception exception);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "reload: {Problem}")]
    private partial void LogReloadProblem(string problem);
}
