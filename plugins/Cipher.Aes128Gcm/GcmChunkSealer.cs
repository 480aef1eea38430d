using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Aes128Gcm;

/// <summary>Seals one direction's chunks: ciphertext followed by the 16-byte tag (Go's layout).</summary>
internal sealed class GcmChunkSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) : IVMessChunkSealer
{
    private readonly AesGcm aes = new(key, GcmChunkNonce.TagSize);
    private GcmChunkNonce nonce = new(key, iv);

    public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        if (destination.Length < plaintext.Length + GcmChunkNonce.TagSize)
        {
            throw new ArgumentException("The destination has no room for the tag.", nameof(destination));
        }

        Span<byte> nonceBytes = stackalloc byte[GcmChunkNonce.Size];
        nonce.Next(nonceBytes);
        aes.Encrypt(nonceBytes, plaintext, destination[..plaintext.Length], destination.Slice(plaintext.Length, GcmChunkNonce.TagSize));
    }

    public void Dispose() => aes.Dispose();
}
