namespace VMessPlugins.Abstractions.VMess;

/// <summary>
/// A VMess security mode ("aes-128-gcm", "chacha20-poly1305", "none", "zero", "aes-128-cfb").
/// It only seals and opens chunk payloads; the framing around them (sizes, masking, padding,
/// end of stream) is shared and lives outside the suite. Register as a singleton <see cref="IVMessCipherSuite"/>.
/// </summary>
public interface IVMessCipherSuite
{
    /// <summary>The name in config (<c>users[].security</c>), lower case.</summary>
    string Name { get; }

    /// <summary>The security byte written in the request header.</summary>
    byte SecurityType { get; }

    /// <summary>
    /// True when this suite is another one under a new name on the wire (zero is "none" without chunking):
    /// a server then resolves <see cref="SecurityType"/> to the other suite.
    /// </summary>
    bool IsWireAlias => false;

    /// <summary>True when the suite does not protect the data (refused by <c>disableInsecureEncryption</c>).</summary>
    bool IsInsecure { get; }

    /// <summary>Bytes <see cref="IVMessChunkSealer.Seal"/> adds to each chunk (16 for AEAD, 4 for FNV, 0 for none).</summary>
    int Overhead { get; }

    /// <summary>
    /// The option bits a client sets with this suite (V2Ray 4.34 sends 0x0d for GCM/ChaCha, 0x05 for none,
    /// 0x01 for legacy; zero sends 0). The client may add <see cref="VMessRequestOptions.AuthenticatedLength"/>.
    /// </summary>
    VMessRequestOptions ClientOptions { get; }

    /// <summary>Creates the sealer for one direction of one connection (owns its cipher and nonce counter).</summary>
    IVMessChunkSealer CreateSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv);

    /// <summary>Creates the opener for one direction of one connection.</summary>
    IVMessChunkOpener CreateOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv);

    /// <summary>
    /// A cipher over the whole framed byte stream of one direction (legacy AES-128-CFB covers size fields too),
    /// or null when the suite protects chunk payloads only.
    /// </summary>
    IVMessStreamTransform? CreateStreamTransform(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool encrypt) => null;
}
