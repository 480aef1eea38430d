using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// What both ends of a mux connection share: the carrier, one frame reader loop, one frame writer and the
/// table of open sub-connections. The server and the client differ only in what a New frame means.
/// </summary>
internal abstract class MuxEndpoint : IDisposable
{
    private readonly Dictionary<ushort, MuxSubConnection> _sessions = [];
    private readonly Lock _lock = new();
    private long _lastRead = Environment.TickCount64;

    protected MuxEndpoint(IConnection carrier, MuxSessionOptions options, ILogger logger)
    {
        Carrier = carrier;
        Options = options;
        Logger = logger;
        Reader = new MuxFrameReader(carrier.Stream);
        Writer = new MuxFrameWriter(carrier.Stream);
    }

    public IConnection Carrier { get; }

    public MuxSessionOptions Options { get; }

    public ILogger Logger { get; }

    public MuxFrameWriter Writer { get; }

    /// <summary>Sub-connections open right now.</summary>
    public int ActiveCount
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    protected MuxFrameReader Reader { get; }

    /// <summary>Milliseconds since a frame was last read or written.</summary>
    protected long IdleMilliseconds =>
        Environment.TickCount64 - Math.Max(Volatile.Read(ref _lastRead), Writer.LastWrite);

    public virtual void Dispose()
    {
        Reader.Dispose();
        Writer.Dispose();
    }

    /// <summary>Forgets a finished sub-connection (only if the id still belongs to it).</summary>
    public void Remove(MuxSubConnection sub)
    {
        bool removed;
        lock (_lock)
        {
            removed = _sessions.TryGetValue(sub.Id, out var current) && ReferenceEquals(current, sub) && _sessions.Remove(sub.Id);
        }

        if (removed)
        {
            OnRemoved(sub);
        }
    }

    protected virtual void OnRemoved(MuxSubConnection sub)
    {
    }

    /// <summary>Adds a sub-connection; false when its id is taken (a second New for an open id).</summary>
    protected bool TryAdd(MuxSubConnection sub)
    {
        lock (_lock)
        {
            return _sessions.TryAdd(sub.Id, sub);
        }
    }

    protected MuxSubConnection? Find(ushort id)
    {
        lock (_lock)
        {
            return _sessions.GetValueOrDefault(id);
        }
    }

    protected MuxSubConnection[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _sessions.Values];
        }
    }

    /// <summary>Ends the input of every open sub-connection (the carrier ended or broke).</summary>
    protected void EndAll(bool error)
    {
        foreach (var sub in Snapshot())
        {
            sub.OnCarrierEnded(error);
        }
    }

    /// <summary>Reads frames until the carrier ends cleanly; a frame error throws <see cref="MuxProtocolException"/>.</summary>
    protected async Task ReadFramesAsync(CancellationToken cancellationToken)
    {
        var pacer = default(ReadLoopPacer);
        while (true)
        {
            var reading = Reader.ReadAsync(cancellationToken);
            var waited = !reading.IsCompleted;
            if (await reading.ConfigureAwait(false) is not { } frame)
            {
                return;
            }

            if (pacer.ShouldYield(waited, frame.Data.Length))
            {
                await Task.Yield();
            }

            Volatile.Write(ref _lastRead, Environment.TickCount64);
            var metadata = frame.Metadata;
            switch ((MuxStatus)metadata.Status)
            {
                case MuxStatus.New:
                    await OnNewAsync(metadata, frame.Data, cancellationToken).ConfigureAwait(false);
                    break;
                case MuxStatus.Keep:
                    await OnKeepAsync(metadata, frame.Data, cancellationToken).ConfigureAwait(false);
                    break;
                case MuxStatus.End:
                    Find(metadata.SessionId)?.OnPeerEnd(metadata.HasError);
                    break;
                case MuxStatus.KeepAlive:
                    break;
                default:
                    throw new MuxProtocolException($"unknown status: {metadata.Status}");
            }
        }
    }

    protected abstract ValueTask OnNewAsync(MuxFrameMetadata metadata, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Checks a datagram's size: a longer one is fatal, as v2ray's packet reader makes it.</summary>
    internal static void CheckDatagram(Destination target, int length)
    {
        if (target.Network == Network.Udp && length > MuxLimits.MaxDatagram)
        {
            throw new MuxProtocolException($"failed to process data > packet size too large: {length}");
        }
    }

    private async ValueTask OnKeepAsync(MuxFrameMetadata metadata, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!metadata.HasData)
        {
            return;
        }

        var sub = Find(metadata.SessionId);
        if (sub is null)
        {
            // As 4.34: data for an id we do not know is discarded and answered with End.
            await Writer.TryWriteEndAsync(metadata.SessionId, error: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        CheckDatagram(sub.Target, data.Length);
        if (!sub.PeerEnded)
        {
            await sub.DeliverAsync(data, cancellationToken).ConfigureAwait(false);
        }
    }
}
