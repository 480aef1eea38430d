using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// <c>allocate.strategy: "random"</c>, as V2Ray 4.34 runs it: every <c>refresh</c> minutes it listens on
/// <c>concurrency</c> ports picked at random from the range, and keeps the previous refresh's ports open
/// for one more period (so a client that was just told a port can still reach it). Ports still open are
/// not picked again while others are free. Connections accepted on a port outlive its listener.
/// </summary>
internal sealed partial class InboundRunner
{
    private ITimer? _refreshTimer;
    private int _generation;
    private long _refreshedAt;

    // Under _gate.
    private bool StartRandom(InboundPlan plan, ConfigDiagnostics diagnostics)
    {
        Refresh(plan);
        if (_current.Length == 0)
        {
            PortError(plan, diagnostics, $"none of the {plan.Definition.Ports.Count} ports of {Endpoint(plan, plan.Definition.Ports[0])}-{plan.Definition.Ports[^1]} can be listened on");
            return false;
        }

        var period = plan.Allocation.Refresh;
        _refreshTimer = _time.CreateTimer(static state => ((InboundRunner)state!).OnRefreshTimer(), this, period, period);
        return true;
    }

    private void OnRefreshTimer()
    {
        try
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    Refresh(Plan);
                }
            }
        }
        catch (Exception ex)
        {
            // A timer callback must not throw; the next refresh tries again.
            LogRefreshFailed(ex, Plan.Label);
        }
    }

    // Under _gate. Opens a new set of ports, keeps the previous set for one more period, closes older ones.
    private void Refresh(InboundPlan plan)
    {
        var generation = ++_generation;
        foreach (var expired in _listening.Values.Where(l => l.Generation < generation - 1).ToList())
        {
            _listening.Remove(expired.Port);
            _ = expired.CloseAsync(drain: false);
        }

        var wanted = plan.Allocation.Concurrency;
        var picked = new List<ushort>(wanted);
        var free = plan.Definition.Ports.Where(p => !_listening.ContainsKey(p)).ToArray();
        Random.Shared.Shuffle(free);
        foreach (var port in free)
        {
            if (picked.Count == wanted)
            {
                break;
            }

            if (TryOpen(plan, port, out var reason) is { } opened)
            {
                opened.Generation = generation;
                picked.Add(port);
            }
            else
            {
                LogPortUnavailable(Endpoint(plan, port), reason);
            }
        }

        // Too few free ports: the previous refresh's stay on for another period.
        var previous = _listening.Values.Where(l => l.Generation == generation - 1).ToArray();
        Random.Shared.Shuffle(previous);
        foreach (var kept in previous.Take(wanted - picked.Count))
        {
            kept.Generation = generation;
            picked.Add(kept.Port);
        }

        if (picked.Count == 0)
        {
            LogNoPorts(plan.Label);
            return;
        }

        picked.Sort();
        Volatile.Write(ref _current, [.. picked]);
        Interlocked.Exchange(ref _refreshedAt, _time.GetTimestamp());
        LogRefreshed(plan.Label, string.Join(", ", picked), plan.Allocation.Refresh.TotalMinutes);
    }

    private TimeSpan TimeUntilRefresh()
    {
        var left = Plan.Allocation.Refresh - _time.GetElapsedTime(Interlocked.Read(ref _refreshedAt));
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "inbound {Inbound} now listens on ports {Ports} (random allocation, next refresh in {Minutes} min)")]
    private partial void LogRefreshed(string inbound, string ports, double minutes);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{Endpoint} {Reason}; trying another port of the range")]
    private partial void LogPortUnavailable(string endpoint, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "inbound {Inbound}: no port of the range could be listened on at this refresh; trying again at the next")]
    private partial void LogNoPorts(string inbound);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "inbound {Inbound}: refreshing the random ports failed")]
    private partial void LogRefreshFailed(Exception exception, string inbound);
}
