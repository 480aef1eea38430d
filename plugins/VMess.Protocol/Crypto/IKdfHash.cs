namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>One running computation of a KDF layer, used as the hash function of the next layer.</summary>
internal interface IKdfHash : IDisposable
{
    /// <summary>Feeds message bytes.</summary>
    void Append(ReadOnlySpan<byte> data);

    /// <summary>Writes the 32-byte digest and resets to the freshly keyed state.</summary>
    void Finish(Span<byte> destination);
}
