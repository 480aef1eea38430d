using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.None;

/// <summary>Copies payloads unchanged (nothing to do when the caller works in place).</summary>
internal sealed class PassThroughChunkCodec : IVMessChunkSealer, IVMessChunkOpener
{
    public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> destination) => CopyUnlessInPlace(plaintext, destination);

    public bool TryOpen(ReadOnlySpan<byte> sealedChunk, Span<byte> plaintext)
    {
        if (plaintext.Length < sealedChunk.Length)
        {
            return false;
        }

        CopyUnlessInPlace(sealedChunk, plaintext);
        return true;
    }

    public void Dispose()
    {
    }

    private static void CopyUnlessInPlace(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!source.Overlaps(destination, out var offset) || offset != 0)
        {
            source.CopyTo(destination);
        }
    }
}
