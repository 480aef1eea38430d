using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// Owns one inbound's listeners and their accept loops, and hands every accepted connection on. With
/// <c>allocate.strategy: "always"</c> it listens on every port; with "random" see InboundRunner.Random.cs.
/// Stopping it closes the listeners only: connections already accepted belong to the server.
/// </summary>
internal sealed partial class InboundRunner : IAsyncDisposable
{
    /// <summary>What V2Ray tells a detoured client about a port that never changes (minutes).</summary>
    public static readonly TimeSpan FixedPortValidity = TimeSpan.FromMinutes(9999);

    private readonly Action<InboundRunner, IConnection> _accepted;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<ushort, PortListener> _listening = [];
    private InboundPlan _plan;
    private ushort[] _current = [];
    private bool _stopped;

    public InboundRunner(InboundPlan plan, Action<InboundRunner, IConnection> accepted, TimeProvider time, ILogger logger)
    {
        _plan = plan;
        _accepted = accepted;
        _time = time;
        _logger = logger;
    }

    /// <summary>The plan served now; a reload that keeps the inbound swaps in the new one (same handler).</summary>
    public InboundPlan Plan
    {
        get => Volatile.Read(ref _plan);
        set => Volatile.Write(ref _plan, value);
    }

    /// <summary>The ports a client should use now (for random allocation, the newest refresh's).</summary>
    public IReadOnlyList<ushort> CurrentPorts => Volatile.Read(ref _current);

    /// <summary>Every port listened on now, including those kept for one more refresh.</summary>
    public IReadOnlyList<ushort> ListeningPorts
    {
        get
        {
            lock (_gate)
            {
                return [.. _listening.Keys.Order()];
            }
        }
    }

    /// <summary>Binds the inbound's ports; problems are errors at the inbound's <c>port</c>.</summary>
    /// <returns>False when it could not listen; the caller then stops it to close what did open.</returns>
    public bool Start(ConfigDiagnostics diagnostics)
    {
        var plan = Plan;
        bool started;
        lock (_gate)
        {
            // A runner whose listeners were stopped may start again (a reload that had to roll back).
            _stopped = false;
            started = plan.Allocation.Strategy == PortAllocation.Random ? StartRandom(plan, diagnostics) : StartFixed(plan, diagnostics);
        }

        return started;
    }

    /// <summary>Picks a port a client may connect to now, and for how long it stays open.</summary>
    public bool TryPickPort(out ushort port, out TimeSpan validFor)
    {
        var ports = Volatile.Read(ref _current);
        if (ports.Length == 0)
        {
            port = 0;
            validFor = TimeSpan.Zero;
            return false;
        }

        port = ports[Random.Shared.Next(ports.Length)];
        validFor = Plan.Allocation.Strategy == PortAllocation.Random ? TimeUntilRefresh() : FixedPortValidity;
        return true;
    }

    /// <summary>Closes every listener and waits for the accept loops to end; open connections go on.</summary>
    public async ValueTask StopListeningAsync()
    {
        List<PortListener> closing;
        lock (_gate)
        {
            _stopped = true;
            _refreshTimer?.Dispose();
            closing = [.. _listening.Values];
            _listening.Clear();
            Volatile.Write(ref _current, []);
        }

        await Task.WhenAll(closing.Select(l => l.CloseAsync())).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => StopListeningAsync();

    /// <summary>"127.0.0.1:1080 (socks, tag)" for each current port, for the start-up line.</summary>
    public IEnumerable<string> DescribeEndpoints()
    {
        var plan = Plan;
        var suffix = plan.Tag.Length > 0 ? ", " + plan.Tag : "";
        var random = plan.Allocation.Strategy == PortAllocation.Random ? $", {plan.Allocation}" : "";
        return CurrentPorts.Select(p => $"{Endpoint(plan, p)} ({plan.Definition.Protocol}{suffix}{random})");
    }

    private bool StartFixed(InboundPlan plan, ConfigDiagnostics diagnostics)
    {
        var ok = true;
        foreach (var port in plan.Definition.Ports)
        {
            var opened = TryOpen(plan, port, out var reason);
            if (opened is null)
            {
                PortError(plan, diagnostics, $"{Endpoint(plan, port)} {reason}");
                ok = false;
            }
        }

        Volatile.Write(ref _current, [.. plan.Definition.Ports]);
        return ok;
    }

    // Under _gate. Returns null with the reason when the port cannot be listened on.
    private PortListener? TryOpen(InboundPlan plan, ushort port, out string reason)
    {
        reason = "";
        var listener = plan.CreateListener(port);
        if (listener is null)
        {
            reason = "cannot be listened on: the transport refused its settings";
            return null;
        }

        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            reason = ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : $"cannot be listened on: {ex.Message}";
            _ = listener.DisposeAsync().AsTask();
            return null;
        }

        var entry = new PortListener(port, listener);
        _listening[port] = entry;
        entry.Loop = Task.Run(() => AcceptLoopAsync(entry), CancellationToken.None);
        return entry;
    }

    private async Task AcceptLoopAsync(PortListener entry)
    {
        var token = entry.Stopping;
        while (!token.IsCancellationRequested)
        {
            IConnection connection;
            try
            {
                connection = await entry.Listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                if (!token.IsCancellationRequested)
                {
                    LogAcceptFailed(Endpoint(Plan, entry.Port), ex.Message);
                }

                break;
            }

            _accepted(this, connection);
        }
    }

    // Reported where the caller collects (startup: the run's diagnostics; reload: the reload's).
    private static void PortError(InboundPlan plan, ConfigDiagnostics diagnostics, string message) =>
        diagnostics.Error(plan.Definition.Entry.File, plan.Definition.Entry.PathOf("port"), message);

    private static string Endpoint(InboundPlan plan, ushort port) =>
        plan.Definition.Listen.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{plan.Definition.Listen}]:{port}" : $"{plan.Definition.Listen}:{port}";

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "accepting on {Endpoint} failed: {Reason}")]
    private partial void LogAcceptFailed(string endpoint, string reason);
}
