using System.Buffers;
using System.Runtime.CompilerServices;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Writes frames of many sub-connections onto one stream. One frame per gate turn, so a large write of one
/// sub-connection interleaves with the others' frames instead of holding the carrier.
/// </summary>
internal sealed class MuxFrameWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(MuxLimits.MaxWrittenHeader + MuxLimits.MaxStreamDataPerFrame);
    private Exception? _failure;
    private long _lastWrite = Environment.TickCount64;

    public MuxFrameWriter(Stream stream) => _stream = stream;

    /// <summary>When a frame last went out (Environment.TickCount64).</summary>
    public long LastWrite => Volatile.Read(ref _lastWrite);

    /// <summary>
    /// Writes stream data: the first frame has <paramref name="status"/> (New with <paramref name="target"/>, or
    /// Keep), the rest are Keep frames of at most 8192 bytes. Empty data with New sends New without data.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteStreamAsync(ushort sessionId, MuxStatus status, Destination? target, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty)
        {
            if (status == MuxStatus.New)
            {
                await WriteFrameAsync(sessionId, status, MuxOption.None, target, null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, MuxLimits.MaxStreamDataPerFrame);
            await WriteFrameAsync(sessionId, status, MuxOption.None, target, data[..take], cancellationToken).ConfigureAwait(false);
            data = data[take..];
            status = MuxStatus.Keep;
        }
    }

    /// <summary>Writes one frame; <paramref name="data"/> null means no data part.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteFrameAsync(
        ushort sessionId, MuxStatus status, MuxOption option, Destination? target, ReadOnlyMemory<byte>? data, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A relay expects IOException from a connection that went away, not ObjectDisposedException.
            var buffer = _buffer ?? throw new IOException("The mux connection is closed.");
            if (_failure is not null)
            {
                throw new IOException("The mux connection cannot be written any more.", _failure);
            }

            var length = MuxFrameCodec.WriteHeader(buffer, sessionId, status, option, target, data?.Length);
            if (data is { } payload)
            {
                payload.Span.CopyTo(buffer.AsSpan(length));
                length += payload.Length;
            }

            try
            {
                await _stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // A frame cut in the middle leaves the peer unable to parse anything after it.
                _failure = exception;
                throw;
            }

            Volatile.Write(ref _lastWrite, Environment.TickCount64);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes End (with the Error bit when <paramref name="error"/>); failures are swallowed: the peer is gone.</summary>
    public async ValueTask TryWriteEndAsync(ushort sessionId, bool error, CancellationToken cancellationToken)
    {
        try
        {
            await WriteFrameAsync(sessionId, MuxStatus.End, error ? MuxOption.Error : MuxOption.None, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or NotSupportedException or InvalidOperationException)
        {
            // Nothing to tell a peer that cannot be reached.
        }
    }

    public void Dispose()
    {
        if (!_gate.Wait(0))
        {
            // A write is in flight (it fails once the carrier is gone); its buffer stays with it.
            return;
        }

        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _gate.Release();
    }
}
