using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// A datagram association over mux: one UDP sub-connection per destination (4.34 has no per-packet
/// address), replies of all of them merged into one receive queue that drops when full.
/// </summary>
internal sealed class MuxPacketConnection : IPacketConnection
{
    private readonly MuxClient _client;
    private readonly ILogger _logger;
    private readonly Dictionary<Destination, MuxClientDatagramSession> _sessions = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<(byte[] Data, int Length, Destination Source)> _received =
        Channel.CreateBounded<(byte[], int, Destination)>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });
    private int _disposed;

    public MuxPacketConnection(MuxClient client, ILogger logger)
    {
        _client = client;
        _logger = logger;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, Destination destination, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (datagram.IsEmpty || datagram.Length > MuxLimits.MaxDatagram)
        {
            // A longer one would make a 4.34 server drop the whole mux connection.
            MuxLog.DatagramDropped(_logger, 0, datagram.Length, datagram.IsEmpty ? "empty" : "longer than 2048 bytes");
            return;
        }

        var target = destination with { Network = Network.Udp };
        var session = await GetSessionAsync(target, cancellationToken).ConfigureAwait(false);
        await session.SendAsync(datagram, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ReceivedPacket> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            var (data, length, source) = await _received.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var count = Math.Min(length, buffer.Length);
            data.AsSpan(0, count).CopyTo(buffer.Span);
            ArrayPool<byte>.Shared.Return(data);
            return new ReceivedPacket(count, source);
        }
        catch (ChannelClosedException)
        {
            return ReceivedPacket.Completed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        MuxClientDatagramSession[] sessions;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            sessions = [.. _sessions.Values];
            _sessions.Clear();
        }
        finally
        {
            _gate.Release();
        }

        foreach (var session in sessions)
        {
            await session.CloseAsync().ConfigureAwait(false);
        }

        _received.Writer.TryComplete();
        while (_received.Reader.TryRead(out var item))
        {
            ArrayPool<byte>.Shared.Return(item.Data);
        }
    }

    private async ValueTask<MuxClientDatagramSession> GetSessionAsync(Destination target, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sessions.TryGetValue(target, out var session) && !session.PeerEnded)
            {
                return session;
            }

            session = await _client.OpenDatagramsAsync(target, OnReceived, cancellationToken).ConfigureAwait(false);
            session.Ended += OnEnded;
            _sessions[target] = session;
            return session;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void OnReceived(MuxClientDatagramSession session, ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(data.Length);
        data.Span.CopyTo(copy);
        if (!_received.Writer.TryWrite((copy, data.Length, session.Target)))
        {
            ArrayPool<byte>.Shared.Return(copy);
            MuxLog.DatagramDropped(_logger, session.Id, data.Length, "the receive queue is full");
        }
    }

    private void OnEnded(MuxClientDatagramSession session)
    {
        // The next datagram to this destination opens a new sub-connection; the old entry is replaced then.
        session.Ended -= OnEnded;
    }
}
