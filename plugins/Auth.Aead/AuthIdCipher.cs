using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>
/// One user's AuthID cipher (PROTOCOL.md §4.2): AES-128-ECB of i64be(time) || rand(4) || crc32(first 12),
/// keyed with KDF16(cmdKey, "AES Auth ID Encryption"). Thread-safe; disposed when the user is removed.
/// </summary>
internal sealed class AuthIdCipher : IDisposable
{
    private readonly Aes aes = Aes.Create();
    private readonly Lock gate = new();
    private bool disposed;

    public AuthIdCipher(ReadOnlySpan<byte> cmdKey) => aes.Key = VMessKdf.Kdf16(cmdKey, VMessKdf.AuthIdEncryptionKey);

    /// <summary>Writes the AuthID for <paramref name="unixTime"/> and the 4 random bytes.</summary>
    public void Encrypt(long unixTime, ReadOnlySpan<byte> random4, Span<byte> authId)
    {
        Span<byte> plain = stackalloc byte[AeadFormat.AuthIdSize];
        BinaryPrimitives.WriteInt64BigEndian(plain, unixTime);
        random4[..4].CopyTo(plain[8..]);
        BinaryPrimitives.WriteUInt32BigEndian(plain[12..], Crc32.HashToUInt32(plain[..12]));
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            aes.EncryptEcb(plain, authId[..AeadFormat.AuthIdSize], PaddingMode.None);
        }
    }

    /// <summary>Decrypts an AuthID; true with its time when the checksum matches (this user's key, almost surely).</summary>
    public bool TryDecrypt(ReadOnlySpan<byte> authId, out long unixTime)
    {
        unixTime = 0;
        Span<byte> plain = stackalloc byte[AeadFormat.AuthIdSize];
        lock (gate)
        {
            if (disposed)
            {
                return false;
            }

            aes.DecryptEcb(authId[..AeadFormat.AuthIdSize], plain, PaddingMode.None);
        }

        if (Crc32.HashToUInt32(plain[..12]) != BinaryPrimitives.ReadUInt32BigEndian(plain[12..]))
        {
            return false;
        }

        unixTime = BinaryPrimitives.ReadInt64BigEndian(plain);
        return true;
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            aes.Dispose();
        }
    }
}
