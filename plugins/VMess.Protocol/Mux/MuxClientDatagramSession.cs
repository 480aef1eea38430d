using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Client side of one UDP sub-connection: the first datagram rides in New, later ones in Keep frames, all to
/// the destination named in New. Replies are handed to <c>received</c> as they are read.
/// </summary>
internal sealed class MuxClientDatagramSession : MuxSubConnection
{
    private readonly MuxEndpoint _owner;
    private readonly Action<MuxClientDatagramSession, ReadOnlyMemory<byte>> _received;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private bool _newSent;
    private int _ended;

    public MuxClientDatagramSession(MuxEndpoint owner, ushort id, Destination target, Action<MuxClientDatagramSession, ReadOnlyMemory<byte>> received)
        : base(id, target)
    {
        _owner = owner;
        _received = received;
    }

    public override bool PeerEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Raised once when the sub-connection ends (by the peer or the carrier).</summary>
    public event Action<MuxClientDatagramSession>? Ended;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        if (PeerEnded)
        {
            throw new IOException("The mux UDP sub-connection has ended.");
        }

        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var status = _newSent ? MuxStatus.Keep : MuxStatus.New;
            await _owner.Writer.WriteFrameAsync(Id, status, MuxOption.None, _newSent ? null : Target, datagram, cancellationToken).ConfigureAwait(false);
            _newSent = true;
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public override ValueTask DeliverAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _received(this, data);
        return ValueTask.CompletedTask;
    }

    public override void OnPeerEnd(bool error) => End();

    public override void OnCarrierEnded(bool error) => End();

    /// <summary>Ends the sub-connection from this side (End to the peer if New went out).</summary>
    public async ValueTask CloseAsync()
    {
        var wasOpen = !PeerEnded;
        End();
        if (wasOpen && _newSent)
        {
            await _owner.Writer.TryWriteEndAsync(Id, error: false, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        _owner.Remove(this);
        Ended?.Invoke(this);
    }
}
