using System.IO.Pipelines;
using System.Net;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// One TCP sub-connection, at either end. Received data waits in a bounded pipe; writes become Keep frames
/// (on the client, the first one is the New frame). <see cref="CompleteWritesAsync"/> sends End; the id is
/// forgotten once both sides have ended, or at once on an abort.
/// </summary>
internal sealed partial class MuxStreamConnection : MuxSubConnection, IConnection
{
    private readonly MuxEndpoint _owner;
    private readonly Pipe _input;
    private readonly bool _isClient;
    private readonly Lock _inputLock = new();
    private bool _inputClosed;
    private int _peerEnded;
    private int _localEnded;
    private int _aborted;

    public MuxStreamConnection(MuxEndpoint owner, ushort id, Destination target, bool sendsNew)
        : base(id, target)
    {
        _owner = owner;
        var limit = Math.Max(owner.Options.SubConnectionBuffer, MuxLimits.MaxStreamDataPerFrame);
        _input = new Pipe(new PipeOptions(
            pauseWriterThreshold: limit,
            resumeWriterThreshold: limit / 2,
            useSynchronizationContext: false));
        _isClient = sendsNew;
        _newPending = sendsNew ? 1 : 0;
        Stream = new MuxSubStream(this);
    }

    public Stream Stream { get; }

    public EndPoint? LocalEndPoint => _owner.Carrier.LocalEndPoint;

    public EndPoint? RemoteEndPoint => _owner.Carrier.RemoteEndPoint;

    public override bool PeerEnded => Volatile.Read(ref _peerEnded) != 0;

    /// <summary>True once this sub-connection was aborted (by either side or by a stall).</summary>
    public bool Aborted => Volatile.Read(ref _aborted) != 0;

    public async ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _localEnded, 1) != 0)
        {
            return;
        }

        // Forget first when the peer is done too, so a frame it sends after seeing our End finds no session.
        ForgetIfDone();
        await EnsureNewSentAsync(cancellationToken).ConfigureAwait(false);
        await _owner.Writer.TryWriteEndAsync(Id, error: false, cancellationToken).ConfigureAwait(false);
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _peerEnded, 1);
        // Releases a frame loop waiting for room in this sub-connection: nobody will read it any more.
        _input.Writer.CancelPendingFlush();
        CompleteInput(new IOException("The mux sub-connection was aborted."));
        _input.Reader.CancelPendingRead();
        if (Interlocked.Exchange(ref _localEnded, 1) == 0 && !CancelPendingNew())
        {
            _ = SendAbortAsync();
        }

        _owner.Remove(this);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _localEnded, 1) == 0 && !CancelPendingNew())
        {
            // Disposed without ending its writes: the sub-connection failed or was given up.
            await AwaitNewFrameAsync().ConfigureAwait(false);
            await _owner.Writer.TryWriteEndAsync(Id, error: Aborted || !PeerEnded, CancellationToken.None).ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _peerEnded, 1);
        _input.Reader.Complete();
        _owner.Remove(this);
    }

    public override async ValueTask DeliverAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty || PeerEnded)
        {
            return;
        }

        ValueTask<FlushResult> flush;
        lock (_inputLock)
        {
            if (_inputClosed)
            {
                return;
            }

            flush = _input.Writer.WriteAsync(data, CancellationToken.None);
        }

        if (flush.IsCompleted)
        {
            flush.GetAwaiter().GetResult();
            return;
        }

        // Full: wait a bounded time, then give this one up rather than stall every other sub-connection.
        var waiting = flush.AsTask();
        try
        {
            await waiting.WaitAsync(_owner.Options.StalledWriteTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _input.Writer.CancelPendingFlush();
            MuxLog.SubConnectionStalled(_owner.Logger, Id, Target.ToString(), _owner.Options.SubConnectionBuffer);
            Abort();
        }
    }

    public override void OnPeerEnd(bool error)
    {
        if (Interlocked.Exchange(ref _peerEnded, 1) != 0)
        {
            return;
        }

        if (error && _isClient)
        {
            // The server aborted: both directions are over and it expects nothing back (as 4.34's client).
            Interlocked.Exchange(ref _aborted, 1);
            Interlocked.Exchange(ref _localEnded, 1);
            CancelPendingNew();
            CompleteInput(new IOException("The server aborted the mux sub-connection."));
            _owner.Remove(this);
            return;
        }

        // On the server an abort fails the relay, whose Abort answers End + Error (as 4.34's server).
        CompleteInput(error ? new IOException("The client aborted the mux sub-connection.") : null);
        ForgetIfDone();
    }

    public override void OnCarrierEnded(bool error)
    {
        if (Interlocked.Exchange(ref _peerEnded, 1) != 0)
        {
            return;
        }

        CompleteInput(error ? new IOException("The mux connection ended.") : null);
    }

    private void CompleteInput(Exception? exception)
    {
        lock (_inputLock)
        {
            if (_inputClosed)
            {
                return;
            }

            _inputClosed = true;
            _input.Writer.Complete(exception);
        }
    }

    private void ForgetIfDone()
    {
        if (PeerEnded && Volatile.Read(ref _localEnded) != 0)
        {
            _owner.Remove(this);
        }
    }
}
