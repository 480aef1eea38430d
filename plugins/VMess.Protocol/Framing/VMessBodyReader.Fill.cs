using System.Buffers;
using System.Runtime.CompilerServices;

namespace VMessPlugins.VMess.Protocol.Framing;

public sealed partial class VMessBodyReader
{
    // Makes room for `needed` bytes from _start, moving the unread tail to the front when short of space
    // (into a larger buffer when reads have been filling this one).
    private Memory<byte> PrepareFill(int needed)
    {
        if (_buffer is null)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _buffer = ArrayPool<byte>.Shared.Rent(_capacity);
            _start = _end = _transformedEnd = 0;
        }

        var buffer = _buffer;
        if (needed > buffer.Length)
        {
            throw Fail($"VMess {_direction} chunk of {needed} bytes exceeds the buffer");
        }

        // Compact when the chunk would not fit, or when the free tail is too short for a large read.
        if (_start + needed > buffer.Length || _start == _end || (_start > 0 && buffer.Length - _end < _capacity / 2))
        {
            var unread = _end - _start;
            if (buffer.Length < _capacity)
            {
                var larger = ArrayPool<byte>.Shared.Rent(_capacity);
                Array.Copy(buffer, _start, larger, 0, unread);
                ArrayPool<byte>.Shared.Return(buffer);
                _buffer = buffer = larger;
            }
            else if (unread > 0 && _start > 0)
            {
                Array.Copy(buffer, _start, buffer, 0, unread);
            }

            _transformedEnd = Math.Max(0, _transformedEnd - _start);
            _start = 0;
            _end = unread;
        }

        return buffer.AsMemory(_end);
    }

    // A read that filled all the space offered means more was waiting: the next compaction moves to a buffer
    // twice as large (up to MaxBufferBytes), so a bulk transfer reads in a few large calls. A read that used
    // little of the space halves the size the next rent takes.
    private void Resize(int read, int offered)
    {
        if (read == offered)
        {
            _capacity = Math.Min(_capacity * 2, MaxBufferBytes);
        }
        else if (read < offered / 8)
        {
            _capacity = Math.Max(_capacity / 2, BufferBytes);
        }
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
            var space = PrepareFill(needed);
            var read = await _inner.ReadAsync(space, cancellationToken).ConfigureAwait(false);
            _innerReady = false;
            if (read == 0)
            {
                return false;
            }

            _end += read;
            Resize(read, space.Length);
        }

        return true;
    }

    private bool Fill(int needed)
    {
        while (_end - _start < needed)
        {
            var space = PrepareFill(needed).Span;
            var read = _inner.Read(space);
            if (read == 0)
            {
                return false;
            }

            _end += read;
            Resize(read, space.Length);
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
