using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Abstractions.Connections;

/// <summary>A datagram association: each send and receive is one whole datagram with its peer.</summary>
public interface IPacketConnection : IAsyncDisposable
{
    /// <summary>Sends one datagram to <paramref name="destination"/>.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> datagram, Destination destination, CancellationToken cancellationToken);

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/>. Returns <see cref="ReceivedPacket.Completed"/>
    /// (length 0, no source) when the association has ended.
    /// </summary>
    ValueTask<ReceivedPacket> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
