using System.Security.Cryptography;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>One-shot AES-128-GCM in Go's layout (ciphertext || 16-byte tag), for the header parts.</summary>
internal static class Gcm
{
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        using var aes = new AesGcm(key, AeadFormat.TagSize);
        aes.Encrypt(nonce, plaintext, destination[..plaintext.Length],
            destination.Slice(plaintext.Length, AeadFormat.TagSize), associatedData);
    }

    /// <summary>Opens <paramref name="sealedData"/> into <paramref name="plaintext"/>; false when the tag is wrong.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedData,
        ReadOnlySpan<byte> associatedData, Span<byte> plaintext)
    {
        var length = sealedData.Length - AeadFormat.TagSize;
        if (length < 0 || plaintext.Length < length)
        {
            return false;
        }

        using var aes = new AesGcm(key, AeadFormat.TagSize);
        try
        {
            aes.Decrypt(nonce, sealedData[..length], sealedData[length..], plaintext[..length], associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
