using System.Buffers.Binary;
using System.Numerics;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// A SHAKE128 that absorbs one short message and then squeezes without end. .NET's Shake128.Read needs
/// OpenSSL 3.3+, which many Linux hosts lack, so the sponge is kept here (Keccak-f[1600], rate 168).
/// </summary>
internal sealed class KeccakShake128
{
    private const int Rate = 168;
    private readonly ulong[] _state = new ulong[25];
    private readonly byte[] _block = new byte[Rate];
    private int _offset = Rate;

    /// <summary>Absorbs <paramref name="message"/> (at most one block) and pads it.</summary>
    public KeccakShake128(ReadOnlySpan<byte> message)
    {
        if (message.Length >= Rate)
        {
            throw new ArgumentException("The message must be shorter than one SHAKE128 block.", nameof(message));
        }

        Span<byte> padded = stackalloc byte[Rate];
        padded.Clear();
        message.CopyTo(padded);
        padded[message.Length] ^= 0x1F;
        padded[Rate - 1] ^= 0x80;
        for (var i = 0; i < Rate / 8; i++)
        {
            _state[i] ^= BinaryPrimitives.ReadUInt64LittleEndian(padded[(i * 8)..]);
        }
    }

    /// <summary>The next two output bytes as a big-endian number.</summary>
    public ushort NextUInt16()
    {
        Span<byte> two = stackalloc byte[2];
        Read(two);
        return BinaryPrimitives.ReadUInt16BigEndian(two);
    }

    /// <summary>Fills <paramref name="output"/> with the next bytes of the stream.</summary>
    public void Read(Span<byte> output)
    {
        while (output.Length > 0)
        {
            if (_offset == Rate)
            {
                Permute(_state);
                for (var i = 0; i < Rate / 8; i++)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(_block.AsSpan(i * 8), _state[i]);
                }

                _offset = 0;
            }

            var take = Math.Min(output.Length, Rate - _offset);
            _block.AsSpan(_offset, take).CopyTo(output);
            _offset += take;
            output = output[take..];
        }
    }

    // Static arrays: a span property over ulong/int constants may be rebuilt on every access.
    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    private static readonly int[] RotationOffsets =
        [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

    private static void Permute(ulong[] a)
    {
        Span<ulong> c = stackalloc ulong[5];
        Span<ulong> b = stackalloc ulong[25];
        for (var round = 0; round < 24; round++)
        {
            for (var x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ BitOperations.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            // rho and pi: lane (x, y) moves to (y, 2x + 3y).
            for (var x = 0; x < 5; x++)
            {
                for (var y = 0; y < 5; y++)
                {
                    var index = x + (5 * y);
                    b[y + (5 * (((2 * x) + (3 * y)) % 5))] = BitOperations.RotateLeft(a[index], RotationOffsets[index]);
                }
            }

            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++)
                {
                    a[y + x] = b[y + x] ^ (~b[y + ((x + 1) % 5)] & b[y + ((x + 2) % 5)]);
                }
            }

            a[0] ^= RoundConstants[round];
        }
    }
}
