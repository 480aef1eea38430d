namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>
/// The plaintext request header shared by both header formats (PROTOCOL.md §5):
/// version, body IV, body key, V, options, padding length and security, reserved, command,
/// port and address (absent for Mux), padding, FNV-1a.
/// </summary>
public static partial class VMessRequestHeaderCodec
{
    /// <summary>Bytes before the command-specific part: version(1) IV(16) key(16) V(1) options(1) padsec(1) reserved(1) command(1).</summary>
    public const int FixedLength = 38;

    /// <summary>The largest possible header: fixed part, port, type, 255-byte domain with its length, 15 padding, FNV.</summary>
    public const int MaxLength = FixedLength + 2 + 1 + 1 + 255 + 15 + 4;

    /// <summary>The destination of every Mux request.</summary>
    public const string MuxDomain = "v1.mux.cool";

    private const int ChecksumLength = 4;
}
