using VMessPlugins.Abstractions.VMess;
using ChaChaAead = System.Security.Cryptography.ChaCha20Poly1305;

namespace VMessPlugins.Plugins.Cipher.ChaCha20Poly1305;

/// <summary>Seals one direction's chunks: ciphertext followed by the 16-byte tag (Go's layout).</summary>
internal sealed class ChaChaChunkSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) : IVMessChunkSealer
{
    private readonly ChaChaAead cipher = new(ChaChaChunkNonce.ExpandKey(key));
    private ChaChaChunkNonce nonce = new(iv);

    public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        if (destination.Length < plaintext.Length + ChaChaChunkNonce.TagSize)
        {
            throw new ArgumentException("The destination has no room for the tag.", nameof(destination));
        }

        Span<byte> nonceBytes = stackalloc byte[ChaChaChunkNonce.Size];
        nonce.Next(nonceBytes);
        cipher.Encrypt(nonceBytes, plaintext, destination[..plaintext.Length], destination.Slice(plaintext.Length, ChaChaChunkNonce.TagSize));
    }

    public void Dispose() => cipher.Dispose();
}
