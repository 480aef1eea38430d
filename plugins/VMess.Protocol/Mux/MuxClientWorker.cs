using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// One carrier of a <see cref="MuxClient"/>: ids from 1 upward, at most <c>concurrency</c> open
/// sub-connections and 128 in its lifetime (as 4.34). It closes with a normal end of stream when an idle
/// check finds nothing open, and is full for good once its carrier ended.
/// </summary>
internal sealed class MuxClientWorker : MuxEndpoint
{
    private static long s_nextNumber;
    private readonly Lock _reserveLock = new();
    private readonly int _concurrency;
    private readonly Task _reading;
    private readonly Task _idleWatch;
    private readonly CancellationTokenSource _stop = new();
    private int _total;
    private bool _closed;

    public MuxClientWorker(IConnection carrier, int concurrency, TimeSpan idleCheck, MuxSessionOptions options, ILogger logger)
        : base(carrier, options, logger)
    {
        _concurrency = concurrency;
        _reading = ReadLoopAsync();
        _idleWatch = CloseWhenIdleAsync(idleCheck);
    }

    public long Number { get; } = Interlocked.Increment(ref s_nextNumber);

    public bool IsClosed
    {
        get
        {
            lock (_reserveLock)
            {
                return _closed;
            }
        }
    }

    /// <summary>Total sub-connections opened on this carrier.</summary>
    public int TotalOpened
    {
        get
        {
            lock (_reserveLock)
            {
                return _total;
            }
        }
    }

    /// <summary>Opens a TCP sub-connection here, or returns null when this worker is full or closed.</summary>
    public MuxStreamConnection? TryOpenStream(Destination target)
    {
        lock (_reserveLock)
        {
            if (!HasRoom())
            {
                return null;
            }

            var sub = new MuxStreamConnection(this, (ushort)++_total, target, sendsNew: true);
            TryAdd(sub);
            return sub;
        }
    }

    /// <summary>Opens a UDP sub-connection here, or returns null when this worker is full or closed.</summary>
    public MuxClientDatagramSession? TryOpenDatagrams(Destination target, Action<MuxClientDatagramSession, ReadOnlyMemory<byte>> received)
    {
        lock (_reserveLock)
        {
            if (!HasRoom())
            {
                return null;
            }

            var sub = new MuxClientDatagramSession(this, (ushort)++_total, target, received);
            TryAdd(sub);
            return sub;
        }
    }

    /// <summary>Stops the worker: open sub-connections fail and the carrier is dropped.</summary>
    public async Task StopAsync()
    {
        lock (_reserveLock)
        {
            _closed = true;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        Carrier.Abort();
        await Task.WhenAll(_reading, _idleWatch).ConfigureAwait(false);
    }

    protected override ValueTask OnNewAsync(MuxFrameMetadata metadata, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        // A server never opens sub-connections; 4.34 discards such a frame.
        ValueTask.CompletedTask;

    private bool HasRoom() =>
        !_closed && ActiveCount < _concurrency && _total < MuxLimits.MaxSubConnectionsPerCarrier;

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        var reason = "the server ended it";
        try
        {
            await ReadFramesAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // A frame error, a reset or a stop: the worker is done either way.
            reason = exception.Message;
        }

        lock (_reserveLock)
        {
            _closed = true;
        }

        MuxLog.CarrierEnded(Logger, Number, reason);
        EndAll(error: true);
        await _stop.CancelAsync().ConfigureAwait(false);
        await Carrier.DisposeAsync().ConfigureAwait(false);
        Dispose();
    }

    private async Task CloseWhenIdleAsync(TimeSpan interval)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                lock (_reserveLock)
                {
                    if (ActiveCount > 0)
                    {
                        continue;
                    }

                    _closed = true;
                }

                // Nothing open: end the carrier normally; the read loop finishes when the server does.
                await Carrier.CompleteWritesAsync(_stop.Token).ConfigureAwait(false);
                return;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped, or the carrier is gone already.
        }
    }
}
