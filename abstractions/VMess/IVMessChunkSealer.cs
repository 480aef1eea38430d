namespace VMessPlugins.Abstractions.VMess;

/// <summary>Seals chunk payloads of one direction. Not thread-safe; one per direction per connection.</summary>
public interface IVMessChunkSealer : IDisposable
{
    /// <summary>
    /// Seals <paramref name="plaintext"/> into <paramref name="destination"/> (exactly plaintext length +
    /// overhead bytes; may be the same memory as the plaintext shifted by nothing). Each call uses the next
    /// nonce: the 16-bit chunk counter, which wraps as V2Ray's does.
    /// </summary>
    void Seal(ReadOnlySpan<byte> plaintext, Span<byte> destination);
}
