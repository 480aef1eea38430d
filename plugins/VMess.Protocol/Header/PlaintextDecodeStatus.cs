namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>The outcome of decoding a plaintext header from the bytes available.</summary>
public enum PlaintextDecodeStatus
{
    /// <summary>Decoded; see <see cref="PlaintextDecodeResult.Length"/>.</summary>
    Decoded,

    /// <summary>The header continues past the input; <see cref="PlaintextDecodeResult.Length"/> is the total needed.</summary>
    NeedMoreData,

    /// <summary>A field is invalid; see <see cref="PlaintextDecodeResult.Error"/>.</summary>
    Invalid,
}
