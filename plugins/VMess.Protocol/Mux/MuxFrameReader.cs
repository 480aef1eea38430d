using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Reads Mux.Cool frames from a stream through one pooled buffer (large reads, no allocation per frame).
/// A frame may span several reads and one read may hold several frames.
/// </summary>
internal sealed class MuxFrameReader : IDisposable
{
    // The largest frame: meta_len, 512 bytes of metadata, data_len and 65535 bytes of data.
    private const int MaxFrame = 2 + MuxLimits.MaxMetadataLength + 2 + ushort.MaxValue;

    private readonly Stream _stream;
    // One largest frame fits after compaction; the pool rounds this up to 128 KiB, which keeps reads large.
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(MaxFrame);
    private int _start;
    private int _end;

    public MuxFrameReader(Stream stream) => _stream = stream;

    /// <summary>
    /// Reads the next frame; null when the stream ends cleanly between frames. A malformed frame or an end
    /// inside a frame throws <see cref="MuxProtocolException"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<MuxFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (!await EnsureAsync(2, atFrameStart: true, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var metadataLength = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start));
        if (metadataLength > MuxLimits.MaxMetadataLength)
        {
            throw new MuxProtocolException($"failed to read metadata > invalid metalen {metadataLength}");
        }

        await EnsureAsync(2 + metadataLength, atFrameStart: false, cancellationToken).ConfigureAwait(false);
        var metadata = MuxFrameCodec.ParseMetadata(_buffer.AsSpan(_start + 2, metadataLength), out var error)
            ?? throw new MuxProtocolException($"failed to read metadata > {error}");
        var headerLength = 2 + metadataLength;
        if (!metadata.HasData)
        {
            _start += headerLength;
            return new MuxFrame(metadata, ReadOnlyMemory<byte>.Empty);
        }

        await EnsureAsync(headerLength + 2, atFrameStart: false, cancellationToken).ConfigureAwait(false);
        var dataLength = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(_start + headerLength));
        var frameLength = headerLength + 2 + dataLength;
        await EnsureAsync(frameLength, atFrameStart: false, cancellationToken).ConfigureAwait(false);
        var data = _buffer.AsMemory(_start + headerLength + 2, dataLength);
        _start += frameLength;
        return new MuxFrame(metadata, data);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Makes count bytes available from _start; false only for a clean end before the first byte of a frame.
    private async ValueTask<bool> EnsureAsync(int count, bool atFrameStart, CancellationToken cancellationToken)
    {
        var buffer = _buffer!;
        while (_end - _start < count)
        {
            if (_start == _end)
            {
                _start = _end = 0;
            }
            else if (_start + count > buffer.Length)
            {
                buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
                _end -= _start;
                _start = 0;
            }

            var read = await _stream.ReadAsync(buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (atFrameStart && _start == _end)
                {
                    return false;
                }

                throw new MuxProtocolException("unexpected EOF inside a frame");
            }

            _end += read;
        }

        return true;
    }
}
