namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>FNV-1a, 32 bits (offset basis 0x811c9dc5, prime 0x01000193), as VMess uses it (PROTOCOL.md §5).</summary>
public static class Fnv1a
{
    /// <summary>The offset basis: the hash of no bytes.</summary>
    public const uint OffsetBasis = 0x811c9dc5;

    private const uint Prime = 0x01000193;

    /// <summary>Hashes <paramref name="data"/>.</summary>
    public static uint Hash(ReadOnlySpan<byte> data) => Append(OffsetBasis, data);

    /// <summary>Continues a running hash with more bytes.</summary>
    public static uint Append(uint hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
