namespace VMessPlugins.Abstractions.VMess;

/// <summary>Opens chunk payloads of one direction. Not thread-safe; one per direction per connection.</summary>
public interface IVMessChunkOpener : IDisposable
{
    /// <summary>
    /// Opens <paramref name="sealedChunk"/> into <paramref name="plaintext"/> (sealed length − overhead bytes;
    /// may overlap the input at the same start). Returns false when authentication fails; the caller must then
    /// end the connection and forward nothing from this chunk. Each call uses the next nonce.
    /// </summary>
    bool TryOpen(ReadOnlySpan<byte> sealedChunk, Span<byte> plaintext);
}
