using System.Buffers;
using System.Runtime.CompilerServices;

namespace VMessPlugins.VMess.Protocol.Framing;

public sealed partial class VMessBodyReader
{
    private const int MinReadSpace = 64 * 1024;

    // Makes room for `needed` bytes from _start, moving the unread tail to the front when short of space.
    private Memory<byte> PrepareFill(int needed)
    {
        if (_buffer is null)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
            _start = _end = _transformedEnd = 0;
        }

        var buffer = _buffer;
        if (needed > buffer.Length)
        {
            throw Fail($"VMess {_direction} chunk of {needed} bytes exceeds the buffer");
        }

        // Compact when the chunk would not fit, or when the free tail is too short for a large read.
        if (_start + needed > buffer.Length || _start == _end || (_start > 0 && buffer.Length - _end < MinReadSpace))
        {
            var unread = _end - _start;
            if (unread > 0 && _start > 0)
            {
                Array.Copy(buffer, _start, buffer, 0, unread);
            }

            _transformedEnd = Math.Max(0, _transformedEnd - _start);
            _start = 0;
            _end = unread;
        }

        return buffer.AsMemory(_end);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (_buffer is null && !_innerReady)
        {
            // Nothing buffered: wait for data before renting, so a reader waiting on an idle peer holds nothing.
            await _inner.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }

        while (_end - _start < needed)
        {
            var read = await _inner.ReadAsync(PrepareFill(needed), cancellationToken).ConfigureAwait(false);
            _innerReady = false;
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    private bool Fill(int needed)
    {
        while (_end - _start < needed)
        {
            var read = _inner.Read(PrepareFill(needed).Span);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadRawAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_start < _end)
        {
            return TakeBuffered(destination.Span);
        }

        var read = await _inner.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        _innerReady = false;
        return FinishRaw(destination.Span[..read]);
    }

    private int ReadRaw(Span<byte> destination)
    {
        if (_start < _end)
        {
            return TakeBuffered(destination);
        }

        return FinishRaw(destination[.._inner.Read(destination)]);
    }

    private int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        var source = Buffer.AsSpan(_start, count);
        _transform?.Transform(source);
        source.CopyTo(destination);
        _start += count;
        return count;
    }

    private int FinishRaw(Span<byte> received)
    {
        if (received.Length == 0)
        {
            _ended = true;
        }
        else
        {
            _transform?.Transform(received);
        }

        return received.Length;
    }
}
