using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>The keys and nonces that seal one request header (PROTOCOL.md §4.3).</summary>
internal sealed class RequestHeaderKeys
{
    public RequestHeaderKeys(ReadOnlySpan<byte> cmdKey, byte[] authId, byte[] nonce)
    {
        LengthKey = VMessKdf.Kdf16(cmdKey, VMessKdf.HeaderLengthKey, authId, nonce);
        LengthNonce = VMessKdf.Kdf(cmdKey, VMessKdf.HeaderLengthNonce, authId, nonce)[..AeadFormat.GcmNonceSize];
        PayloadKey = VMessKdf.Kdf16(cmdKey, VMessKdf.HeaderPayloadKey, authId, nonce);
        PayloadNonce = VMessKdf.Kdf(cmdKey, VMessKdf.HeaderPayloadNonce, authId, nonce)[..AeadFormat.GcmNonceSize];
    }

    public byte[] LengthKey { get; }

    public byte[] LengthNonce { get; }

    public byte[] PayloadKey { get; }

    public byte[] PayloadNonce { get; }
}
