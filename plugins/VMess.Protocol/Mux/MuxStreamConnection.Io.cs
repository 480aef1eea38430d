using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace VMessPlugins.VMess.Protocol.Mux;

internal sealed partial class MuxStreamConnection
{
    // Client side: 1 until the New frame is written (with the first data, or alone after the early-data wait).
    private int _newPending;
    private Task? _newSent;

    /// <summary>Reads received bytes; 0 once the peer ended; an abort surfaces as <see cref="IOException"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            ReadResult result;
            try
            {
                result = await _input.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (PeerEnded)
            {
                // The reader was completed by DisposeAsync.
                return 0;
            }

            if (result.IsCanceled)
            {
                throw new IOException("The mux sub-connection was aborted.");
            }

            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                var take = (int)Math.Min(buffer.Length, destination.Length);
                buffer.Slice(0, take).CopyTo(destination.Span);
                _input.Reader.AdvanceTo(buffer.GetPosition(take));
                return take;
            }

            _input.Reader.AdvanceTo(buffer.End);
            if (result.IsCompleted)
            {
                return 0;
            }
        }
    }

    /// <summary>Sends <paramref name="data"/> as Keep frames (the first as New on a client that has not opened yet).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _localEnded) != 0)
        {
            throw new IOException(Aborted ? "The mux sub-connection was aborted." : "Writes on the mux sub-connection were completed.");
        }

        if (data.IsEmpty)
        {
            return;
        }

        if (Volatile.Read(ref _newPending) != 0 && TryClaimNew(out var opened))
        {
            var newFrame = _owner.Writer.WriteStreamAsync(Id, MuxStatus.New, Target, data, cancellationToken).AsTask();
            opened.SetResult(newFrame);
            await newFrame.ConfigureAwait(false);
            return;
        }

        await EnsureNewSentAsync(cancellationToken).ConfigureAwait(false);
        await _owner.Writer.WriteStreamAsync(Id, MuxStatus.Keep, null, data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Client: sends New without data if the application has said nothing yet (after the early-data wait).</summary>
    public async ValueTask EnsureNewSentAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _newPending) == 0 && _newSent is null)
        {
            return;
        }

        if (TryClaimNew(out var opened))
        {
            var newFrame = _owner.Writer.WriteStreamAsync(Id, MuxStatus.New, Target, ReadOnlyMemory<byte>.Empty, cancellationToken).AsTask();
            opened.SetResult(newFrame);
        }

        if (Volatile.Read(ref _newSent) is { } newSent)
        {
            await newSent.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // True when New had not gone out: the peer never heard of this id, so nothing more is sent for it.
    private bool CancelPendingNew()
    {
        lock (_inputLock)
        {
            var pending = _newPending != 0;
            _newPending = 0;
            return pending;
        }
    }

    // End must follow a New that is still being written.
    private async ValueTask AwaitNewFrameAsync()
    {
        if (Volatile.Read(ref _newSent) is { } newSent)
        {
            try
            {
                await newSent.ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // The End that follows fails the same way and is swallowed there.
            }
        }
    }

    private async Task SendAbortAsync()
    {
        await AwaitNewFrameAsync().ConfigureAwait(false);
        await _owner.Writer.TryWriteEndAsync(Id, error: true, CancellationToken.None).ConfigureAwait(false);
    }

    // The first caller gets to write New; later callers wait for that frame before writing theirs.
    private bool TryClaimNew(out TaskCompletionSource<Task> opened)
    {
        opened = null!;
        lock (_inputLock)
        {
            if (_newPending == 0)
            {
                return false;
            }

            _newPending = 0;
            var source = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
            _newSent = source.Task.Unwrap();
            opened = source;
            return true;
        }
    }
}
