using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;
using ChaChaAead = System.Security.Cryptography.ChaCha20Poly1305;

namespace VMessPlugins.Plugins.Cipher.ChaCha20Poly1305;

/// <summary>Opens one direction's chunks; a failed tag returns false (and still uses up its nonce).</summary>
internal sealed class ChaChaChunkOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) : IVMessChunkOpener
{
    private readonly ChaChaAead cipher = new(ChaChaChunkNonce.ExpandKey(key));
    private ChaChaChunkNonce nonce = new(iv);

    public bool TryOpen(ReadOnlySpan<byte> sealedChunk, Span<byte> plaintext)
    {
        Span<byte> nonceBytes = stackalloc byte[ChaChaChunkNonce.Size];
        nonce.Next(nonceBytes);
        var length = sealedChunk.Length - ChaChaChunkNonce.TagSize;
        if (length < 0 || plaintext.Length < length)
        {
            return false;
        }

        try
        {
            cipher.Decrypt(nonceBytes, sealedChunk[..length], sealedChunk[length..], plaintext[..length]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public void Dispose() => cipher.Dispose();
}
