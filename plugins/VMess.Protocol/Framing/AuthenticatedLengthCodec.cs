using System.Buffers.Binary;
using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// Option 0x10: the 2-byte size is sealed by the suite's own AEAD under KDF16(body key, "auth_len"), with
/// its own chunk counter (nonce u16be(counter) || iv[2:12]), and carries size − overhead (PROTOCOL.md
/// Appendix A; later V2Ray, Xray and sing-box seal it with the body's algorithm, so ChaCha for ChaCha).
/// </summary>
internal sealed class AuthenticatedLengthCodec : IDisposable
{
    private readonly IVMessChunkSealer? _sealer;
    private readonly IVMessChunkOpener? _opener;
    private readonly int _overhead;

    public AuthenticatedLengthCodec(IVMessCipherSuite suite, ReadOnlySpan<byte> bodyKey, ReadOnlySpan<byte> iv, bool seal)
    {
        Span<byte> key = stackalloc byte[16];
        AuthLengthKey.Derive(bodyKey, key);
        _overhead = suite.Overhead;
        if (seal)
        {
            _sealer = suite.CreateSealer(key, iv);
        }
        else
        {
            _opener = suite.CreateOpener(key, iv);
        }

        CryptographicOperations.ZeroMemory(key);
    }

    public int FieldLength => 2 + _overhead;

    /// <summary>Writes the sealed field for a chunk of <paramref name="size"/> bytes (sealed data + padding).</summary>
    public void Write(int size, Span<byte> field)
    {
        Span<byte> plain = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(plain, (ushort)(size - _overhead));
        _sealer!.Seal(plain, field[..FieldLength]);
    }

    /// <summary>Opens a size field; returns -1 when its tag is bad.</summary>
    public int Read(ReadOnlySpan<byte> field)
    {
        Span<byte> plain = stackalloc byte[2];
        return _opener!.TryOpen(field[..FieldLength], plain) ? BinaryPrimitives.ReadUInt16BigEndian(plain) + _overhead : -1;
    }

    public void Dispose()
    {
        _sealer?.Dispose();
        _opener?.Dispose();
    }
}
