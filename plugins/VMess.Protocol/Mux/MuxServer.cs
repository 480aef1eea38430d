using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// The server end: every New frame becomes a sub-connection dispatched on its own (TCP: ConnectAsync and
/// RelayAsync; UDP: OpenPacketAsync). A frame error ends the whole mux connection after the open
/// sub-connections had <see cref="MuxSessionOptions.DrainTimeout"/> to finish.
/// </summary>
internal sealed partial class MuxServer : MuxEndpoint
{
    private readonly IDispatcher _dispatcher;
    private readonly SessionContext _parent;
    private readonly List<Task> _running = [];
    private readonly Lock _runningLock = new();

    // Sub-connections outlive the frame loop (they finish after the client's end), so they get the caller's token.
    private CancellationToken _stopping;

    public MuxServer(IConnection carrier, IDispatcher dispatcher, SessionContext parent, MuxSessionOptions options, ILogger logger)
        : base(carrier, options, logger)
    {
        _dispatcher = dispatcher;
        _parent = parent;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchdog = WatchIdleAsync(run);
        MuxProtocolException? failure = null;
        var carrierBroken = false;
        try
        {
            await ReadFramesAsync(run.Token).ConfigureAwait(false);
        }
        catch (MuxProtocolException exception)
        {
            failure = exception;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The idle watchdog closed the connection.
            carrierBroken = true;
        }
        catch (Exception exception) when (exception is IOException or ProxyException or ObjectDisposedException)
        {
            // The carrier failed (reset, or a VMess chunk that did not authenticate).
            failure = new MuxProtocolException($"the mux connection failed: {exception.Message}");
        }
        finally
        {
            await run.CancelAsync().ConfigureAwait(false);
            await watchdog.ConfigureAwait(false);
        }

        // As v2ray: every open sub-connection's input ends; those whose upstream finishes still send End.
        EndAll(error: carrierBroken);
        await WaitForSubConnectionsAsync(failure is null && !carrierBroken && !cancellationToken.IsCancellationRequested, cancellationToken).ConfigureAwait(false);
        try
        {
            await Carrier.CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The client is gone already.
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    protected override ValueTask OnNewAsync(MuxFrameMetadata metadata, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var target = metadata.Target!.Value;
        CheckDatagram(target, data.Length);
        if (Find(metadata.SessionId) is not null)
        {
            MuxLog.DuplicateNew(Logger, metadata.SessionId);
            return ValueTask.CompletedTask;
        }

        MuxLog.Opening(Logger, metadata.SessionId, target.ToString());
        var session = new SessionContext
        {
            InboundTag = _parent.InboundTag,
            Source = _parent.Source,
            Local = _parent.Local,
            User = _parent.User,
            DefaultLevel = _parent.DefaultLevel,
            Target = target,
        };
        MuxSubConnection sub = target.Network == Network.Udp
            ? new MuxDatagramSession(this, metadata.SessionId, target)
            : new MuxStreamConnection(this, metadata.SessionId, target, sendsNew: false);
        TryAdd(sub);
        var delivered = data.IsEmpty ? ValueTask.CompletedTask : sub.DeliverAsync(data, cancellationToken);
        Track(sub is MuxDatagramSession datagrams
            ? datagrams.RunAsync(_dispatcher, session, _stopping)
            : ServeStreamAsync((MuxStreamConnection)sub, session, _stopping));
        return delivered;
    }

    private async Task ServeStreamAsync(MuxStreamConnection sub, SessionContext session, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            var upstream = await _dispatcher.ConnectAsync(sub.Target, session, cancellationToken).ConfigureAwait(false);
            await using (upstream.ConfigureAwait(false))
            {
                await _dispatcher.RelayAsync(sub, upstream, session, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // One sub-connection's failure (refused, reset, aborted by the peer) ends that one only.
            MuxLog.SubConnectionFailed(Logger, sub.Id, sub.Target.ToString(), exception.Message);
            sub.Abort();
        }
        finally
        {
            await sub.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Track(Task task)
    {
        lock (_runningLock)
        {
            _running.RemoveAll(static t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task WaitForSubConnectionsAsync(bool patiently, CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_runningLock)
        {
            running = [.. _running];
        }

        var all = Task.WhenAll(running);
        if (!patiently)
        {
            try
            {
                await all.WaitAsync(Options.DrainTimeout, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
            {
                foreach (var sub in Snapshot())
                {
                    (sub as MuxStreamConnection)?.Abort();
                    (sub as MuxDatagramSession)?.Stop();
                }
            }
        }

        await all.ConfigureAwait(false);
    }

    private async Task WatchIdleAsync(CancellationTokenSource run)
    {
        var idle = Options.ConnectionIdle;
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(idle.TotalMilliseconds / 4, 50, 30_000));
        try
        {
            while (true)
            {
                await Task.Delay(interval, run.Token).ConfigureAwait(false);
                if (IdleMilliseconds >= idle.TotalMilliseconds)
                {
                    MuxLog.IdleClosed(Logger, idle.TotalSeconds);
                    await run.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
    }
}
