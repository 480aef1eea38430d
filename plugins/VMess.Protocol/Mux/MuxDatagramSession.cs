using System.Buffers;
using System.Threading.Channels;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Server side of one UDP sub-connection: every datagram goes to the destination named in New, replies come
/// back one per Keep frame. A full queue drops datagrams (UDP may lose them) instead of stalling the others.
/// Ends on the peer's End, when the association ends, or after <see cref="MuxSessionOptions.DatagramIdle"/>.
/// </summary>
internal sealed class MuxDatagramSession : MuxSubConnection
{
    private readonly MuxEndpoint _owner;
    private readonly Channel<(byte[] Data, int Length)> _queue;
    private readonly CancellationTokenSource _stop = new();
    private int _peerEnded;

    public MuxDatagramSession(MuxEndpoint owner, ushort id, Destination target)
        : base(id, target)
    {
        _owner = owner;
        _queue = Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(Math.Max(1, owner.Options.DatagramQueue))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public override bool PeerEnded => Volatile.Read(ref _peerEnded) != 0;

    public override ValueTask DeliverAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty || PeerEnded)
        {
            return ValueTask.CompletedTask;
        }

        var copy = ArrayPool<byte>.Shared.Rent(data.Length);
        data.Span.CopyTo(copy);
        if (!_queue.Writer.TryWrite((copy, data.Length)))
        {
            ArrayPool<byte>.Shared.Return(copy);
            MuxLog.DatagramDropped(_owner.Logger, Id, data.Length, "its queue is full");
        }

        return ValueTask.CompletedTask;
    }

    public override void OnPeerEnd(bool error)
    {
        Interlocked.Exchange(ref _peerEnded, 1);
        _queue.Writer.TryComplete();
        if (error)
        {
            Stop();
        }
    }

    public override void OnCarrierEnded(bool error) => OnPeerEnd(error);

    /// <summary>Ends the sub-connection at once.</summary>
    public void Stop()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    public async Task RunAsync(IDispatcher dispatcher, SessionContext session, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var failed = false;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        try
        {
            var packets = await dispatcher.OpenPacketAsync(Target, session, run.Token).ConfigureAwait(false);
            await using (packets.ConfigureAwait(false))
            {
                run.CancelAfter(_owner.Options.DatagramIdle);
                var uplink = UplinkAsync(packets, run, run.Token);
                var downlink = DownlinkAsync(packets, run, run.Token);
                // A datagram flow has no half-close: either direction ending ends both.
                await Task.WhenAny(uplink, downlink).ConfigureAwait(false);
                await run.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(uplink, downlink).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            // Idle timeout or the other direction's end.
        }
        catch (Exception exception)
        {
            failed = true;
            MuxLog.SubConnectionFailed(_owner.Logger, Id, Target.ToString(), exception.Message);
        }
        finally
        {
            Interlocked.Exchange(ref _peerEnded, 1);
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                ArrayPool<byte>.Shared.Return(left.Data);
            }

            _owner.Remove(this);
            await _owner.Writer.TryWriteEndAsync(Id, failed || _stop.IsCancellationRequested, CancellationToken.None).ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    private async Task UplinkAsync(IPacketConnection packets, CancellationTokenSource run, CancellationToken cancellationToken)
    {
        while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var datagram))
            {
                try
                {
                    run.CancelAfter(_owner.Options.DatagramIdle);
                    await packets.SendAsync(datagram.Data.AsMemory(0, datagram.Length), Target, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(datagram.Data);
                }
            }
        }
    }

    private async Task DownlinkAsync(IPacketConnection packets, CancellationTokenSource run, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ushort.MaxValue);
        try
        {
            var pacer = default(ReadLoopPacer);
            while (true)
            {
                var receiving = packets.ReceiveAsync(buffer, cancellationToken);
                var waited = !receiving.IsCompleted;
                var packet = await receiving.ConfigureAwait(false);
                if (packet.IsCompleted)
                {
                    return;
                }

                if (pacer.ShouldYield(waited, packet.Length))
                {
                    await Task.Yield();
                }

                run.CancelAfter(_owner.Options.DatagramIdle);
                if (packet.Length > MuxLimits.MaxDatagram)
                {
                    // A 4.34 client would drop the whole mux connection for it.
                    MuxLog.DatagramDropped(_owner.Logger, Id, packet.Length, "longer than 2048 bytes");
                    continue;
                }

                await _owner.Writer.WriteFrameAsync(Id, MuxStatus.Keep, MuxOption.None, null, buffer.AsMemory(0, packet.Length), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
