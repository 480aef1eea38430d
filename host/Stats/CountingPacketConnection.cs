using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Host.Stats;

/// <summary>
/// A datagram association seen through a meter: datagrams sent on are uplink, datagrams received back
/// are downlink (payload bytes, as V2Ray counts). Counts as one open connection until disposed.
/// </summary>
internal sealed class CountingPacketConnection : IPacketConnection
{
    private readonly IPacketConnection _inner;
    private readonly TrafficMeter _meter;
    private int _disposed;

    public CountingPacketConnection(IPacketConnection inner, TrafficMeter meter)
    {
        _inner = inner;
        _meter = meter;
        meter.Opened();
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, Destination destination, CancellationToken cancellationToken)
    {
        await _inner.SendAsync(datagram, destination, cancellationToken).ConfigureAwait(false);
        _meter.Uplink(datagram.Length);
    }

    public async ValueTask<ReceivedPacket> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var packet = await _inner.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        _meter.Downlink(packet.Length);
        return packet;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _meter.Closed();
        }

        await _inner.DisposeAsync().ConfigureAwait(false);
    }
}
