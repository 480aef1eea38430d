using System.Buffers.Binary;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>
/// The AEAD response header (PROTOCOL.md §8): sealed u16be length then sealed plaintext, no AAD;
/// keys from the response key, nonces from the response IV.
/// </summary>
internal sealed class ResponseHeaderSealer
{
    public ResponseHeaderSealer(ReadOnlySpan<byte> responseKey, ReadOnlySpan<byte> responseIv)
    {
        LengthKey = VMessKdf.Kdf16(responseKey, VMessKdf.ResponseLengthKey);
        LengthNonce = VMessKdf.Kdf(responseIv, VMessKdf.ResponseLengthNonce)[..AeadFormat.GcmNonceSize];
        PayloadKey = VMessKdf.Kdf16(responseKey, VMessKdf.ResponsePayloadKey);
        PayloadNonce = VMessKdf.Kdf(responseIv, VMessKdf.ResponsePayloadNonce)[..AeadFormat.GcmNonceSize];
    }

    public byte[] LengthKey { get; }

    public byte[] LengthNonce { get; }

    public byte[] PayloadKey { get; }

    public byte[] PayloadNonce { get; }

    public static int SealedLength(int plaintextLength) => AeadFormat.SealedLengthSize + plaintextLength + AeadFormat.TagSize;

    public int Seal(ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)plaintext.Length);
        Gcm.Seal(LengthKey, LengthNonce, length, default, destination);
        Gcm.Seal(PayloadKey, PayloadNonce, plaintext, default, destination[AeadFormat.SealedLengthSize..]);
        return SealedLength(plaintext.Length);
    }

    /// <summary>Opens the length part; null when it fails.</summary>
    public int? TryOpenLength(ReadOnlySpan<byte> sealedLength)
    {
        Span<byte> length = stackalloc byte[2];
        return Gcm.TryOpen(LengthKey, LengthNonce, sealedLength[..AeadFormat.SealedLengthSize], default, length)
            ? BinaryPrimitives.ReadUInt16BigEndian(length)
            : null;
    }

    public bool TryOpenPayload(ReadOnlySpan<byte> sealedPayload, Span<byte> plaintext) =>
        Gcm.TryOpen(PayloadKey, PayloadNonce, sealedPayload, default, plaintext);
}
