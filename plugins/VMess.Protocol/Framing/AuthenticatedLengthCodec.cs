using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// Option 0x10: the 2-byte size is sealed with AES-128-GCM under KDF16(body key, "auth_len"), nonce
/// u16be(counter) || iv[2:12] with its own counter, and carries size − 16 (PROTOCOL.md Appendix A).
/// </summary>
internal sealed class AuthenticatedLengthCodec : IDisposable
{
    public const int FieldLength = 2 + TagLength;
    private const int TagLength = 16;
    private readonly AesGcm _aead;
    private readonly byte[] _nonce = new byte[12];
    private ushort _counter;

    public AuthenticatedLengthCodec(ReadOnlySpan<byte> bodyKey, ReadOnlySpan<byte> iv)
    {
        Span<byte> key = stackalloc byte[16];
        AuthLengthKey.Derive(bodyKey, key);
        _aead = new AesGcm(key, TagLength);
        CryptographicOperations.ZeroMemory(key);
        iv[2..12].CopyTo(_nonce.AsSpan(2));
    }

    /// <summary>Writes the sealed field for a chunk of <paramref name="size"/> bytes (sealed data + padding).</summary>
    public void Write(int size, Span<byte> field)
    {
        Span<byte> plain = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(plain, (ushort)(size - TagLength));
        NextNonce();
        _aead.Encrypt(_nonce, plain, field[..2], field.Slice(2, TagLength));
    }

    /// <summary>Opens a size field; returns -1 when its tag is bad.</summary>
    public int Read(ReadOnlySpan<byte> field)
    {
        Span<byte> plain = stackalloc byte[2];
        NextNonce();
        try
        {
            _aead.Decrypt(_nonce, field[..2], field.Slice(2, TagLength), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return -1;
        }

        return BinaryPrimitives.ReadUInt16BigEndian(plain) + TagLength;
    }

    public void Dispose() => _aead.Dispose();

    private void NextNonce()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_nonce, _counter);
        _counter++;
    }
}
