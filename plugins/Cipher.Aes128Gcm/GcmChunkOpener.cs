using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Aes128Gcm;

/// <summary>Opens one direction's chunks; a failed tag returns false (and still uses up its nonce).</summary>
internal sealed class GcmChunkOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) : IVMessChunkOpener
{
    private readonly AesGcm aes = new(key, GcmChunkNonce.TagSize);
    private GcmChunkNonce nonce = new(key, iv);

    public bool TryOpen(ReadOnlySpan<byte> sealedChunk, Span<byte> plaintext)
    {
        Span<byte> nonceBytes = stackalloc byte[GcmChunkNonce.Size];
        nonce.Next(nonceBytes);
        var length = sealedChunk.Length - GcmChunkNonce.TagSize;
        if (length < 0 || plaintext.Length < length)
        {
            return false;
        }

        try
        {
            aes.Decrypt(nonceBytes, sealedChunk[..length], sealedChunk[length..], plaintext[..length]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => aes.Dispose();
}
