using System.Buffers.Binary;

namespace VMessPlugins.VMess.Protocol.Framing;

public sealed partial class VMessBodyReader
{
    private int SizeFieldLength => _lengthCodec is null ? 2 : AuthenticatedLengthCodec.FieldLength;

    // Parses the next chunk from the buffered bytes. Returns 0 when a chunk was opened (or the body ended),
    // else how many bytes from _start are needed first. Mask draws happen once per chunk, however often
    // this is called.
    private int TryParseChunk()
    {
        var fieldLength = SizeFieldLength;
        var available = _end - _start;
        if (_pendingSize < 0)
        {
            if (available < fieldLength)
            {
                return fieldLength;
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
            return total;
        }

        TransformUpTo(_start + total);
        var buffer = Buffer;
        var chunkStart = _start + fieldLength;
        var size = _pendingSize;
        _pendingSize = -1;
        _start += total;

        if (_framing.Mode == BodyFramingMode.PlainChunks)
        {
            _plainStart = chunkStart;
            _plainEnd = chunkStart + size;
            return 0;
        }

        var sealedLength = size - _pendingPadding;
        var dataLength = sealedLength - _framing.Overhead;
        var sealedChunk = buffer.AsSpan(chunkStart, sealedLength);
        if (_opener is not null && !_opener.TryOpen(sealedChunk, sealedChunk[..dataLength]))
        {
            throw Fail($"VMess {_direction} chunk failed authentication");
        }

        CountChunk();
        if (dataLength == 0 && !_framing.PacketMode)
        {
            _ended = true;
            return 0;
        }

        if (dataLength == 0)
        {
            _ended = true;
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
