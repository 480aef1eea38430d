namespace VMessPlugins.Abstractions.VMess;

/// <summary>The option bits of the VMess request header (byte 34).</summary>
[Flags]
public enum VMessRequestOptions : byte
{
    /// <summary>No options: a raw body.</summary>
    None = 0,

    /// <summary>The body is chunked and ends with an end-of-stream chunk.</summary>
    ChunkStream = 0x01,

    /// <summary>Obsolete, ignored.</summary>
    ConnectionReuse = 0x02,

    /// <summary>Chunk sizes are XORed with a SHAKE128 stream.</summary>
    ChunkMasking = 0x04,

    /// <summary>Random padding after each chunk; only valid with <see cref="ChunkMasking"/>.</summary>
    GlobalPadding = 0x08,

    /// <summary>The size field is itself AEAD-sealed (later V2Ray; not understood by 4.34).</summary>
    AuthenticatedLength = 0x10,
}
