using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Runtime;

/// <summary>Runs the inbounds: one accept loop per listener, one task per connection, clean stop.</summary>
internal sealed partial class ProxyServer(ProxyPlan plan, IDispatcher dispatcher, ILogger<ProxyServer> logger)
{
    private static readonly TimeSpan s_drainTime = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly List<Task> _acceptLoops = [];

    /// <summary>Binds every listener; a port in use is an error naming the inbound's port.</summary>
    public bool Start(ConfigDiagnostics diagnostics)
    {
        var endpoints = new List<string>();
        foreach (var inbound in plan.Inbounds)
        {
            for (var i = 0; i < inbound.Listeners.Count; i++)
            {
                var endpoint = $"{FormatAddress(inbound)}:{inbound.Definition.Ports[i]}";
                try
                {
                    inbound.Listeners[i].Start();
                    endpoints.Add($"{inbound.Listeners[i].LocalEndPoint} ({inbound.Definition.Protocol}{TagSuffix(inbound)})");
                }
                catch (SocketException ex)
                {
                    var reason = ex.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is already in use" : $"cannot be listened on: {ex.Message}";
                    inbound.Definition.Entry.Error("port", $"{endpoint} {reason}");
                }
            }
        }

        if (diagnostics.HasErrors)
        {
            return false;
        }

        foreach (var inbound in plan.Inbounds)
        {
            foreach (var listener in inbound.Listeners)
            {
                _acceptLoops.Add(AcceptLoopAsync(inbound, listener));
            }
        }

        LogStarted(string.Join(", ", endpoints));
        return true;
    }

    /// <summary>Stops accepting, cancels connections and gives them a moment to end.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await plan.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        var draining = Task.WhenAll(_connections.Values);
        await Task.WhenAny(draining, Task.Delay(s_drainTime)).ConfigureAwait(false);
        LogStopped(_connections.Count);
    }

    private async Task AcceptLoopAsync(InboundPlan inbound, ITransportListener listener)
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            IConnection connection;
            try
            {
                connection = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
            {
                LogAcceptFailed(listener.LocalEndPoint.ToString() ?? "?", ex.Message);
                break;
            }

            var session = new SessionContext
            {
                InboundTag = inbound.Definition.Tag,
                Source = connection.RemoteEndPoint,
                Local = connection.LocalEndPoint,
                DefaultLevel = inbound.DefaultLevel,
            };
            var task = Task.Run(() => ServeAsync(inbound.Handler, connection, session), CancellationToken.None);
            _connections[session.Id] = task;
            _ = task.ContinueWith((_, id) => _connections.TryRemove((long)id!, out Task? _), session.Id, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static string FormatAddress(InboundPlan inbound) =>
        inbound.Definition.Listen.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{inbound.Definition.Listen}]" : inbound.Definition.Listen.ToString();

    private static string TagSuffix(InboundPlan inbound) => inbound.Definition.Tag.Length > 0 ? ", " + inbound.Definition.Tag : "";
}
