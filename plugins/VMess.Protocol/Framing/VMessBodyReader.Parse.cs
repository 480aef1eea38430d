using System.Buffers.Binary;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.VMess.Protocol.Framing;

public sealed partial class VMessBodyReader
{
    private int SizeFieldLength => _lengthCodec?.FieldLength ?? 2;

    // Hands out decoded bytes without any I/O: the current chunk's rest, then every further chunk that is
    // already buffered whole (opened straight into the caller's buffer when it fits). A chunk that fails
    // after good data was copied is reported on the next call.
    private int ReadBuffered(Span<byte> destination)
    {
        var total = 0;
        while (true)
        {
            if (_plainStart < _plainEnd)
            {
                total += CopyOut(destination[total..]);
                if (_framing.PacketMode)
                {
                    // One datagram per read; what does not fit the caller's buffer is dropped, as UDP does.
                    _plainStart = _plainEnd;
                    return total;
                }
            }

            if (_framing.PacketMode && total > 0)
            {
                return total;
            }

            if (total == destination.Length || _ended || _fault is not null || _framing.Mode == BodyFramingMode.Raw)
            {
                return total;
            }

            int opened;
            try
            {
                opened = TryOpenBufferedChunk(destination[total..]);
            }
            catch (ProxyException) when (total > 0)
            {
                return total;
            }

            if (opened < 0)
            {
                return total;
            }

            total += opened;
        }
    }

    // How many bytes from _start the next parsing step needs.
    private int BytesForNextStep() => SizeFieldLength + Math.Max(_pendingSize, 0);

    // Opens the next chunk if it is buffered whole. Returns -1 when more input is needed, else the bytes
    // written into `direct` (0 when the data went to the chunk window instead, or the body ended).
    private int TryOpenBufferedChunk(Span<byte> direct)
    {
        var fieldLength = SizeFieldLength;
        var available = _end - _start;
        if (_pendingSize < 0)
        {
            if (available < fieldLength)
            {
                return -1;
            }

            DecodeSizeField(fieldLength);
            if (_ended)
            {
                return 0;
            }
        }

        var total = fieldLength + _pendingSize;
        if (available < total)
        {
            return -1;
        }

        TransformUpTo(_start + total);
        var buffer = Buffer;
        var chunkStart = _start + fieldLength;
        var size = _pendingSize;
        _pendingSize = -1;
        _start += total;

        var sealedLength = _framing.Mode == BodyFramingMode.PlainChunks ? size : size - _pendingPadding;
        var dataLength = sealedLength - _framing.Overhead;
        var sealedChunk = buffer.AsSpan(chunkStart, sealedLength);
        var toCaller = dataLength > 0 && dataLength <= direct.Length;
        var plaintext = toCaller ? direct[..dataLength] : sealedChunk[..dataLength];
        if (_framing.Mode == BodyFramingMode.PlainChunks)
        {
            sealedChunk.CopyTo(plaintext);
        }
        else
        {
            if (!_opener!.TryOpen(sealedChunk, plaintext))
            {
                if (toCaller)
                {
                    plaintext.Clear();
                }

                throw Fail($"VMess {_direction} chunk failed authentication");
            }

            CountChunk();
            if (dataLength == 0)
            {
                // The end-of-stream chunk (or, for datagrams, an empty one, which v2ray never sends).
                _ended = true;
                return 0;
            }
        }

        if (toCaller)
        {
            return dataLength;
        }

        _plainStart = chunkStart;
        _plainEnd = chunkStart + dataLength;
        return 0;
    }

    private void DecodeSizeField(int fieldLength)
    {
        TransformUpTo(_start + fieldLength);
        var field = Buffer.AsSpan(_start, fieldLength);
        if (_framing.Mode == BodyFramingMode.PlainChunks)
        {
            var mask = _mask is null ? 0 : _mask.NextUInt16();
            var plainSize = BinaryPrimitives.ReadUInt16BigEndian(field) ^ mask;
            if (plainSize == 0)
            {
                _start += fieldLength;
                _ended = true;
                return;
            }

            _pendingSize = plainSize;
            _pendingPadding = 0;
            return;
        }

        var padding = _framing.Padding ? _mask!.NextUInt16() % 64 : 0;
        var sizeMask = _framing.Masking ? _mask!.NextUInt16() : 0;
        var size = _lengthCodec is not null
            ? _lengthCodec.Read(field)
            : BinaryPrimitives.ReadUInt16BigEndian(field) ^ sizeMask;
        if (size < 0)
        {
            throw Fail($"VMess {_direction} chunk length failed authentication");
        }

        if (size < _framing.Overhead + padding)
        {
            throw Fail($"VMess {_direction} chunk size {size} is smaller than its overhead {_framing.Overhead} plus padding {padding}");
        }

        _pendingSize = size;
        _pendingPadding = padding;
    }

    private void TransformUpTo(int end)
    {
        if (_transform is null || end <= _transformedEnd)
        {
            return;
        }

        var from = Math.Max(_transformedEnd, _start);
        _transform.Transform(Buffer.AsSpan(from, end - from));
        _transformedEnd = end;
    }

    private void CountChunk()
    {
        if (++_chunks == 65536)
        {
            FramingLog.NonceCounterWrapped(_logger, _direction);
        }
    }
}
