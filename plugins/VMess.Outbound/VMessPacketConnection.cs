using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>
/// UDP over VMess: a VMess request names one destination, so each destination gets its own VMess
/// connection (UDP command); replies from all of them are merged into one receive queue.
/// </summary>
internal sealed partial class VMessPacketConnection : IPacketConnection
{
    private const int MaxDatagram = 65535;

    private readonly Func<Destination, CancellationToken, ValueTask<VMessBodyConnection>> _open;
    private readonly ILogger _logger;
    private readonly Dictionary<Destination, VMessBodyConnection> _connections = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<(byte[] Data, int Length, Destination Source)> _received =
        Channel.CreateBounded<(byte[], int, Destination)>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _closed = new();
    private readonly List<Task> _receivers = [];

    public VMessPacketConnection(Func<Destination, CancellationToken, ValueTask<VMessBodyConnection>> open, ILogger logger)
    {
        _open = open;
        _logger = logger;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, Destination destination, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(destination, cancellationToken).ConfigureAwait(false);
        await connection.Writer.WritePacketAsync(datagram, cancellationToken).ConfigureAwait(false);
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
        if (_closed.IsCancellationRequested)
        {
            return;
        }

        await _closed.CancelAsync().ConfigureAwait(false);
        VMessBodyConnection[] connections;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            connections = [.. _connections.Values];
            _connections.Clear();
        }
        finally
        {
            _gate.Release();
        }

        foreach (var connection in connections)
        {
            connection.Abort();
        }

        await Task.WhenAll(_receivers).ConfigureAwait(false);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _received.Writer.TryComplete();
        while (_received.Reader.TryRead(out var item))
        {
            ArrayPool<byte>.Shared.Return(item.Data);
        }

        _closed.Dispose();
    }

    private async ValueTask<VMessBodyConnection> GetConnectionAsync(Destination destination, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed.IsCancellationRequested, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_connections.TryGetValue(destination, out var connection))
            {
                connection = await _open(destination, cancellationToken).ConfigureAwait(false);
                _connections[destination] = connection;
                _receivers.Add(ReceiveLoopAsync(connection, destination));
            }

            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReceiveLoopAsync(VMessBodyConnection connection, Destination source)
    {
        await Task.Yield();
        try
        {
            var pacer = default(ReadLoopPacer);
            while (!_closed.IsCancellationRequested)
            {
                var data = ArrayPool<byte>.Shared.Rent(MaxDatagram);
                var reading = connection.Stream.ReadAsync(data, _closed.Token);
                var waited = !reading.IsCompleted;
                var read = await reading.ConfigureAwait(false);
                if (read == 0 || !_received.Writer.TryWrite((data, read, source)))
                {
                    ArrayPool<byte>.Shared.Return(data);
                    if (read == 0)
                    {
                        return;
                    }
                }

                if (pacer.ShouldYield(waited, read))
                {
                    await Task.Yield();
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or ProxyException)
        {
            PacketLog.ReceiveEnded(_logger, source.ToString(), exception.Message);
        }
    }
}
