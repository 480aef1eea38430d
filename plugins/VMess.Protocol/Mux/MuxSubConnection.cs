using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>What the frame loop of a <see cref="MuxEndpoint"/> needs from one sub-connection.</summary>
internal abstract class MuxSubConnection
{
    protected MuxSubConnection(ushort id, Destination target)
    {
        Id = id;
        Target = target;
    }

    public ushort Id { get; }

    public Destination Target { get; }

    /// <summary>The peer sent End for this id: its data is over.</summary>
    public abstract bool PeerEnded { get; }

    /// <summary>Hands one frame's data to the sub-connection; never blocks the loop beyond the stall timeout.</summary>
    public abstract ValueTask DeliverAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The peer sent End (with the Error bit: an abort).</summary>
    public abstract void OnPeerEnd(bool error);

    /// <summary>The carrier is gone or broken: end this sub-connection's input (<paramref name="error"/>: as a failure).</summary>
    public abstract void OnCarrierEnded(bool error);
}
