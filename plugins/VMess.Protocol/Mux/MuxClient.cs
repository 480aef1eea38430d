using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Multiplexes client connections onto mux carriers (VMess connections with the Mux command): the first
/// carrier with room takes a new sub-connection (at most <c>concurrency</c> open, 128 in a carrier's life);
/// when every carrier is full, a new one is opened. As in v2ray 4.34, a New frame carries the
/// application's first bytes when they come within 100 ms, and an idle carrier closes at the next check.
/// </summary>
public sealed class MuxClient : IAsyncDisposable
{
    /// <summary>How long New waits for the application's first bytes.</summary>
    public static readonly TimeSpan EarlyDataWait = TimeSpan.FromMilliseconds(100);

    private readonly Func<CancellationToken, ValueTask<IConnection>> _openCarrier;
    private readonly int _concurrency;
    private readonly TimeSpan _idleCheck;
    private readonly MuxSessionOptions _options;
    private readonly ILogger _logger;
    private readonly List<MuxClientWorker> _workers = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;

    /// <summary>
    /// Creates a client; <paramref name="openCarrier"/> opens one mux carrier (a VMess connection to
    /// v1.mux.cool). <paramref name="idleCheck"/> defaults to 4.34's 16 s.
    /// </summary>
    public MuxClient(
        Func<CancellationToken, ValueTask<IConnection>> openCarrier, int concurrency, MuxSessionOptions options, ILogger logger, TimeSpan? idleCheck = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _openCarrier = openCarrier;
        _concurrency = concurrency;
        _options = options;
        _logger = logger;
        _idleCheck = idleCheck ?? TimeSpan.FromSeconds(16);
    }

    /// <summary>Carriers open right now (closed ones are dropped as new sub-connections are made).</summary>
    public int CarrierCount
    {
        get
        {
            lock (_workers)
            {
                return _workers.Count(w => !w.IsClosed);
            }
        }
    }

    /// <summary>Opens a TCP sub-connection to <paramref name="destination"/>.</summary>
    public async ValueTask<IConnection> ConnectAsync(Destination destination, CancellationToken cancellationToken)
    {
        var sub = await OpenAsync(w => w.TryOpenStream(destination with { Network = Network.Tcp }), cancellationToken).ConfigureAwait(false);
        _ = SendNewIfIdleAsync(sub);
        return sub;
    }

    /// <summary>Opens a datagram association whose destinations each get a UDP sub-connection.</summary>
    public IPacketConnection OpenPacket() => new MuxPacketConnection(this, _logger);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        MuxClientWorker[] workers;
        lock (_workers)
        {
            workers = [.. _workers];
            _workers.Clear();
        }

        foreach (var worker in workers)
        {
            await worker.StopAsync().ConfigureAwait(false);
        }
    }

    internal ValueTask<MuxClientDatagramSession> OpenDatagramsAsync(
        Destination destination, Action<MuxClientDatagramSession, ReadOnlyMemory<byte>> received, CancellationToken cancellationToken) =>
        OpenAsync(w => w.TryOpenDatagrams(destination, received), cancellationToken);

    private async ValueTask<T> OpenAsync<T>(Func<MuxClientWorker, T?> tryOpen, CancellationToken cancellationToken)
        where T : class
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (TryOpenOnExisting(tryOpen) is { } quick)
        {
            return quick;
        }

        // One carrier is dialled at a time, so a burst of connections fills it before another is opened.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryOpenOnExisting(tryOpen) is { } again)
            {
                return again;
            }

            var carrier = await _openCarrier(cancellationToken).ConfigureAwait(false);
            var worker = new MuxClientWorker(carrier, _concurrency, _idleCheck, _options, _logger);
            lock (_workers)
            {
                _workers.Add(worker);
            }

            return tryOpen(worker) ?? throw new ProxyException("a new mux connection refused its first sub-connection");
        }
        finally
        {
            _gate.Release();
        }
    }

    private T? TryOpenOnExisting<T>(Func<MuxClientWorker, T?> tryOpen)
        where T : class
    {
        lock (_workers)
        {
            _workers.RemoveAll(static w => w.IsClosed && w.ActiveCount == 0);
            foreach (var worker in _workers)
            {
                if (tryOpen(worker) is { } opened)
                {
                    return opened;
                }
            }
        }

        return null;
    }

    private async Task SendNewIfIdleAsync(MuxStreamConnection sub)
    {
        try
        {
            await Task.Delay(EarlyDataWait, CancellationToken.None).ConfigureAwait(false);
            await sub.EnsureNewSentAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            MuxLog.SubConnectionFailed(_logger, sub.Id, sub.Target.ToString(), exception.Message);
        }
    }
}
