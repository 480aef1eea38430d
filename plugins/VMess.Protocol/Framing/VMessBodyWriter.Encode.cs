using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VMessPlugins.VMess.Protocol.Framing;

public sealed partial class VMessBodyWriter
{
    // Lays out one chunk at the start of destination and returns its length.
    private int EncodeChunk(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        switch (_framing.Mode)
        {
            case BodyFramingMode.Raw:
                data.CopyTo(destination);
                _transform?.Transform(destination[..data.Length]);
                return data.Length;
            case BodyFramingMode.PlainChunks:
                var mask = _mask is null ? (ushort)0 : _mask.NextUInt16();
                BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(data.Length ^ mask));
                data.CopyTo(destination[2..]);
                _transform?.Transform(destination[..(2 + data.Length)]);
                return 2 + data.Length;
            default:
                return EncodeSealedChunk(data, destination);
        }
    }

    private int EncodeEndOfStream(Span<byte> destination)
    {
        if (_framing.Mode != BodyFramingMode.PlainChunks)
        {
            return EncodeSealedChunk([], destination);
        }

        var mask = _mask is null ? (ushort)0 : _mask.NextUInt16();
        BinaryPrimitives.WriteUInt16BigEndian(destination, mask);
        _transform?.Transform(destination[..2]);
        return 2;
    }

    private int EncodeSealedChunk(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // Draw order per chunk: padding length first, then the size mask.
        var padding = _framing.Padding ? _mask!.NextUInt16() % 64 : 0;
        var mask = _framing.Masking ? _mask!.NextUInt16() : (ushort)0;
        var fieldLength = SizeFieldLength;
        var sealedLength = data.Length + _framing.Overhead;
        var size = sealedLength + padding;
        // Sealing straight from the caller's bytes into the frame saves a copy.
        _sealer!.Seal(data, destination.Slice(fieldLength, sealedLength));
        CountChunk();

        if (_lengthCodec is not null)
        {
            _lengthCodec.Write(size, destination[..fieldLength]);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(size ^ mask));
        }

        if (padding > 0)
        {
            RandomNumberGenerator.Fill(destination.Slice(fieldLength + sealedLength, padding));
        }

        var total = fieldLength + size;
        _transform?.Transform(destination[..total]);
        return total;
    }

    private void CountChunk()
    {
        if (++_chunks == 65536)
        {
            FramingLog.NonceCounterWrapped(_logger, _direction);
        }
    }
}
