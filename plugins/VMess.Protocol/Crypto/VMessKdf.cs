namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>
/// The VMess AEAD key derivation (PROTOCOL.md §4.1): a chain of nested HMACs, not HKDF.
/// The root is HMAC-SHA256 keyed with "VMess AEAD KDF"; every path element keys an HMAC whose
/// hash function is the previous layer; the key argument is the message of the outermost layer.
/// </summary>
public static partial class VMessKdf
{
    /// <summary>The KDF output size in bytes.</summary>
    public const int OutputSize = 32;

    /// <summary>Derives 32 bytes from <paramref name="key"/> along <paramref name="path"/>.</summary>
    public static byte[] Kdf(ReadOnlySpan<byte> key, params ReadOnlySpan<byte[]> path)
    {
        var output = new byte[OutputSize];
        Derive(key, path, output);
        return output;
    }

    /// <summary>The first 16 bytes of <see cref="Kdf"/>.</summary>
    public static byte[] Kdf16(ReadOnlySpan<byte> key, params ReadOnlySpan<byte[]> path)
    {
        Span<byte> full = stackalloc byte[OutputSize];
        Derive(key, path, full);
        return full[..16].ToArray();
    }

    /// <summary>Derives 32 bytes into <paramref name="destination"/> (at least 32 bytes long).</summary>
    public static void Derive(ReadOnlySpan<byte> key, ReadOnlySpan<byte[]> path, Span<byte> destination)
    {
        if (destination.Length < OutputSize)
        {
            throw new ArgumentException("The KDF writes 32 bytes.", nameof(destination));
        }

        IKdfHashFactory factory = RootHmacFactory.Instance;
        foreach (var element in path)
        {
            ArgumentNullException.ThrowIfNull(element);
            factory = new NestedHmacFactory(factory, element);
        }

        using var hash = factory.Create();
        hash.Append(key);
        hash.Finish(destination[..OutputSize]);
    }
}
