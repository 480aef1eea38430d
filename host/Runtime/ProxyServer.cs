using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// Runs the inbounds: one <see cref="InboundRunner"/> per inbound (its listeners and accept loops), one
/// task per connection, tracked so a reload or shutdown can find and end them; clean stop.
/// </summary>
internal sealed partial class ProxyServer(InboundDirectory directory, TimeProvider time, ILoggerFactory loggers)
{
    private static readonly TimeSpan s_drainTime = TimeSpan.FromSeconds(2);
    private readonly ILogger _logger = loggers.CreateLogger<ProxyServer>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, LiveConnection> _connections = new();
    private List<InboundRunner> _runners = [];
    private RuntimeGeneration? _generation;

    /// <summary>The inbounds running now, in config order.</summary>
    public IReadOnlyList<InboundRunner> Runners => Volatile.Read(ref _runners);

    /// <summary>The connections being served now.</summary>
    public IEnumerable<LiveConnection> Connections => _connections.Values;

    /// <summary>The config new connections use.</summary>
    public RuntimeGeneration Generation => Volatile.Read(ref _generation)!;

    /// <summary>Binds every inbound; a port in use is an error naming the inbound's port.</summary>
    public bool Start(ProxyPlan plan, IDispatcher dispatcher, ConfigDiagnostics diagnostics) =>
        Start(new RuntimeGeneration(plan, dispatcher), diagnostics);

    /// <summary>Binds every inbound of <paramref name="generation"/>'s plan.</summary>
    public bool Start(RuntimeGeneration generation, ConfigDiagnostics diagnostics)
    {
        Volatile.Write(ref _generation, generation);
        var runners = generation.Plan.Inbounds.Select(CreateRunner).ToList();
        Volatile.Write(ref _runners, runners);
        var ok = true;
        foreach (var runner in runners)
        {
            ok &= runner.Start(diagnostics);
        }

        if (!ok || diagnostics.HasErrors)
        {
            return false;
        }

        directory.Publish(runners);
        LogStarted(string.Join(", ", runners.SelectMany(r => r.DescribeEndpoints())));
        return true;
    }

    /// <summary>Stops accepting, cancels connections and gives them a moment to end.</summary>
    public async Task StopAsync()
    {
        directory.Publish([]);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Runners.Select(r => r.StopListeningAsync().AsTask())).ConfigureAwait(false);
        var draining = Task.WhenAll(_connections.Values.Select(c => c.Done.Task));
        await Task.WhenAny(draining, Task.Delay(s_drainTime, CancellationToken.None)).ConfigureAwait(false);
        LogStopped(_connections.Count);
    }

    /// <summary>A runner (not started) whose connections this server serves.</summary>
    public InboundRunner CreateRunner(InboundPlan plan) => new(plan, Accept, time, loggers.CreateLogger<InboundRunner>());

    /// <summary>Makes <paramref name="runners"/> and <paramref name="generation"/> the ones in force; returns the previous generation.</summary>
    public RuntimeGeneration Swap(List<InboundRunner> runners, RuntimeGeneration generation)
    {
        Volatile.Write(ref _runners, runners);
        var previous = Interlocked.Exchange(ref _generation, generation)!;
        directory.Publish(runners);
        return previous;
    }

    /// <summary>Ends at once every open connection that <paramref name="match"/> selects; returns how many.</summary>
    public int EndConnections(Func<LiveConnection, bool> match)
    {
        var ended = 0;
        foreach (var connection in _connections.Values)
        {
            if (match(connection))
            {
                connection.End();
                ended++;
            }
        }

        return ended;
    }

    private void Accept(InboundRunner runner, IConnection connection)
    {
        var plan = runner.Plan;
        var session = new SessionContext
        {
            InboundTag = plan.Tag,
            Source = connection.RemoteEndPoint,
            Local = connection.LocalEndPoint,
            DefaultLevel = plan.DefaultLevel,
        };
        var generation = Generation;
        generation.Enter();
        var live = new LiveConnection(session, runner, generation, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        _connections[session.Id] = live;
        _ = Task.Run(() => ServeAsync(plan.Handler, connection, live), CancellationToken.None);
    }
}
