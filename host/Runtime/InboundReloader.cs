using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// Applies a validated plan's inbounds to a running server. Inbounds are matched by tag (untagged ones
/// by their position among the untagged). Same protocol, listen, ports, allocate and streamSettings:
/// the listeners stay, and a reconfigurable handler takes the new settings (else, if anything changed,
/// the inbound is replaced). Otherwise a new runner starts and the old one's listeners stop; its
/// open connections finish unless asked to end.
/// </summary>
internal sealed partial class InboundReloader(ProxyServer server, ILogger logger)
{
    private readonly ILogger _logger = logger;

    /// <summary>Decides what happens to each running and each planned inbound.</summary>
    public static List<InboundStep> Match(IReadOnlyList<InboundRunner> runners, ProxyPlan plan)
    {
        var running = KeysOf(runners, r => r.Plan.Tag).ToDictionary(pair => pair.Value, pair => pair.Key);
        var keys = KeysOf(plan.Inbounds, p => p.Tag);
        var steps = new List<InboundStep>();
        foreach (var next in plan.Inbounds)
        {
            if (!running.Remove(keys[next], out var old))
            {
                steps.Add(new InboundStep(null, next, InboundChange.Added));
                continue;
            }

            var change = old.Plan.Shape != next.Shape ? InboundChange.Replaced
                : old.Plan.Handler is IReconfigurableInbound ? InboundChange.Reconfigured
                : old.Plan.Fingerprint == next.Fingerprint ? InboundChange.Unchanged
                : InboundChange.Replaced;
            steps.Add(new InboundStep(old, next, change));
        }

        steps.AddRange(running.Values.Select(old => new InboundStep(old, null, InboundChange.Removed)));
        return steps;
    }

    /// <summary>
    /// Stops the listeners of replaced and removed inbounds and starts the new ones; on a failure puts
    /// every listener back as it was and returns why.
    /// </summary>
    public async Task<string?> SwitchListenersAsync(List<InboundStep> steps)
    {
        var stopping = steps.Where(s => s.Change is InboundChange.Replaced or InboundChange.Removed).ToList();
        foreach (var step in stopping)
        {
            await step.Old!.StopListeningAsync().ConfigureAwait(false);
        }

        var bind = new ConfigDiagnostics();
        var started = new List<InboundRunner>();
        var failed = false;
        foreach (var step in steps.Where(s => s.Change is InboundChange.Added or InboundChange.Replaced))
        {
            var runner = server.CreateRunner(step.Next!);
            started.Add(runner);
            step.Result = runner;
            if (!runner.Start(bind))
            {
                failed = true;
                break;
            }
        }

        if (!failed)
        {
            return null;
        }

        foreach (var runner in started)
        {
            await runner.StopListeningAsync().ConfigureAwait(false);
        }

        foreach (var step in stopping)
        {
            step.Old!.Start(new ConfigDiagnostics());
            step.Result = null;
        }

        return string.Join("; ", bind.Items.Where(d => d.Severity == ConfigSeverity.Error).Select(d => d.ToString()));
    }

    /// <summary>
    /// For inbounds whose listeners stay: the handler takes the new settings, or (if it declines) a new
    /// runner replaces it now. Records which users each change added and removed.
    /// </summary>
    public async Task ReconfigureKeptAsync(List<InboundStep> steps)
    {
        foreach (var step in steps.Where(s => s.Change is InboundChange.Reconfigured or InboundChange.Unchanged))
        {
            var old = step.Old!;
            var next = step.Next!;
            var before = UserDiff.Snapshot(old.Plan.Handler);
            if (step.Change == InboundChange.Unchanged
                || (old.Plan.Handler is IReconfigurableInbound reconfigurable && reconfigurable.TryReconfigure(next.Definition)))
            {
                // The handler made for validation is not needed: the running one goes on.
                await HandlerDisposal.DisposeAllAsync([next.Handler]).ConfigureAwait(false);
                old.Plan = next with { Handler = old.Plan.Handler };
                step.Result = old;
                RecordUsers(step, before, UserDiff.Snapshot(old.Plan.Handler));
                continue;
            }

            await ReplaceNowAsync(step).ConfigureAwait(false);
        }

        foreach (var step in steps.Where(s => s.Change == InboundChange.Replaced && s.Old is not null))
        {
            RecordUsers(step, UserDiff.Snapshot(step.Old!.Plan.Handler), UserDiff.Snapshot(step.Next!.Handler));
        }
    }

    /// <summary>
    /// Makes the runners and <paramref name="generation"/> the ones in force, retires the previous
    /// generation, and ends the connections <paramref name="drop"/> asks to; returns how many it ended.
    /// </summary>
    public int Commit(RuntimeGeneration generation, List<InboundStep> steps, ReloadSettings drop)
    {
        var runners = steps.Where(s => s.Next is not null && s.Result is not null).Select(s => s.Result!).ToList();
        var kept = runners.Select(r => (object)r.Plan.Handler).ToHashSet(ReferenceEqualityComparer.Instance);
        var stopped = steps.Where(s => s.Change is InboundChange.Replaced or InboundChange.Removed).Select(s => s.Old!).ToHashSet();
        var previous = server.Swap(runners, generation);
        previous.Retire(previous.Plan.Outbounds.Values.Cast<object>()
            .Concat(stopped.Select(r => (object)r.Plan.Handler))
            .Where(h => !kept.Contains(h)));

        var ended = 0;
        if (drop.DropReplacedInbounds)
        {
            ended += server.EndConnections(c => stopped.Contains(c.Runner));
        }

        if (drop.DropRemovedUsers)
        {
            foreach (var step in steps.Where(s => s.RemovedUsers.Count > 0 && s.Old is not null))
            {
                ended += server.EndConnections(c => c.Runner == step.Old && step.RemovedUsers.Any(u => UserDiff.IsSessionOf(c.Session.User, u)));
            }
        }

        return ended;
    }

    /// <summary>One line: what happened to inbounds, users and connections.</summary>
    public static string Summarize(IReadOnlyList<InboundStep> steps, int ended)
    {
        int Count(InboundChange change) => steps.Count(s => s.Change == change);
        return $"inbounds: {Count(InboundChange.Unchanged) + Count(InboundChange.Reconfigured)} kept ({Count(InboundChange.Reconfigured)} reconfigured), "
            + $"{Count(InboundChange.Replaced)} replaced, {Count(InboundChange.Added)} added, {Count(InboundChange.Removed)} removed; "
            + $"users: {steps.Sum(s => s.AddedUsers.Count)} added, {steps.Sum(s => s.RemovedUsers.Count)} removed; "
            + $"{ended} connection(s) ended; outbounds and routing renewed for new connections";
    }

    // The handler declined the new settings: a new runner takes the same ports now.
    private async Task ReplaceNowAsync(InboundStep step)
    {
        var old = step.Old!;
        await old.StopListeningAsync().ConfigureAwait(false);
        var runner = server.CreateRunner(step.Next!);
        var bind = new ConfigDiagnostics();
        if (runner.Start(bind))
        {
            step.Change = InboundChange.Replaced;
            step.Result = runner;
            return;
        }

        // Cannot happen unless another process took the port in between: keep the old inbound.
        await runner.StopListeningAsync().ConfigureAwait(false);
        old.Start(new ConfigDiagnostics());
        step.Change = InboundChange.Unchanged;
        step.Result = old;
        await HandlerDisposal.DisposeAllAsync([step.Next!.Handler]).ConfigureAwait(false);
        foreach (var item in bind.Items)
        {
            LogKeptOld(old.Plan.Label, item.ToString());
        }
    }

    private static void RecordUsers(InboundStep step, IReadOnlyList<UserInfo> before, IReadOnlyList<UserInfo> after)
    {
        step.RemovedUsers = UserDiff.Missing(before, after);
        step.AddedUsers = UserDiff.Missing(after, before);
    }

    private static Dictionary<T, string> KeysOf<T>(IReadOnlyList<T> items, Func<T, string> tag)
        where T : class
    {
        var keys = new Dictionary<T, string>(new IdentityComparer<T>());
        var untagged = 0;
        foreach (var item in items)
        {
            keys[item] = tag(item) is { Length: > 0 } named ? "tag:" + named : "untagged:" + untagged++;
        }

        return keys;
    }

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "reload: inbound {Inbound} could not be replaced and goes on unchanged: {Problem}")]
    private partial void LogKeptOld(string inbound, string problem);
}
