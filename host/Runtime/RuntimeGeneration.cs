using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// One applied config: the plan and the dispatcher (routing, outbounds) new connections use. Connections
/// keep the generation they started in; once a reload has retired it and its last connection ended, the
/// handlers only it used are disposed (when they are disposable).
/// </summary>
internal sealed class RuntimeGeneration(ProxyPlan plan, IDispatcher dispatcher)
{
    private readonly Lock _gate = new();
    private int _active;
    private bool _retired;
    private List<object> _leftovers = [];

    public ProxyPlan Plan { get; } = plan;

    public IDispatcher Dispatcher { get; } = dispatcher;

    public void Enter() => Interlocked.Increment(ref _active);

    public void Leave()
    {
        if (Interlocked.Decrement(ref _active) == 0)
        {
            ReleaseIfDone();
        }
    }

    /// <summary>No new connection will use this generation; <paramref name="leftovers"/> are disposed after its last one.</summary>
    public void Retire(IEnumerable<object> leftovers)
    {
        lock (_gate)
        {
            _leftovers = [.. leftovers];
            _retired = true;
        }

        ReleaseIfDone();
    }

    private void ReleaseIfDone()
    {
        List<object> release;
        lock (_gate)
        {
            if (!_retired || Volatile.Read(ref _active) != 0 || _leftovers.Count == 0)
            {
                return;
            }

            release = _leftovers;
            _leftovers = [];
        }

        _ = HandlerDisposal.DisposeAllAsync(release);
    }
}
