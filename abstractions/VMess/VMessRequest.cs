using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Abstractions.VMess;

/// <summary>
/// A decoded (or to-be-encoded) VMess request header, plus the response keys the header format implies.
/// Mutable on purpose: a client fills it in, an authenticator completes it.
/// </summary>
public sealed class VMessRequest
{
    /// <summary>Header version (always 1).</summary>
    public byte Version { get; set; } = 1;

    /// <summary>The request body IV (16 bytes).</summary>
    public byte[] BodyIV { get; set; } = new byte[16];

    /// <summary>The request body key (16 bytes).</summary>
    public byte[] BodyKey { get; set; } = new byte[16];

    /// <summary>The response auth byte V the server must echo.</summary>
    public byte ResponseAuth { get; set; }

    /// <summary>The option bits.</summary>
    public VMessRequestOptions Options { get; set; }

    /// <summary>The security byte as on the wire (0 and 1 legacy, 3 GCM, 4 ChaCha, 5 none).</summary>
    public byte Security { get; set; }

    /// <summary>TCP, UDP or Mux.</summary>
    public VMessCommand Command { get; set; }

    /// <summary>The destination (for Mux: v1.mux.cool, port 0).</summary>
    public Destination Destination { get; set; }

    /// <summary>Length of the random header padding (0-15).</summary>
    public int PaddingLength { get; set; }

    /// <summary>The authenticated user (server side) or the account used (client side).</summary>
    public VMessUser? User { get; set; }

    /// <summary>The response body key, derived from <see cref="BodyKey"/> by the header format's rule.</summary>
    public byte[] ResponseBodyKey { get; set; } = new byte[16];

    /// <summary>The response body IV, derived from <see cref="BodyIV"/> by the header format's rule.</summary>
    public byte[] ResponseBodyIV { get; set; } = new byte[16];

    /// <summary>The name of the authenticator that produced or will encode this header ("aead", "legacy").</summary>
    public string HeaderFormat { get; set; } = "";

    /// <summary>
    /// With a legacy header and legacy security, the response body continues the CFB stream of the response
    /// header; the authenticator leaves that stream here. Null otherwise.
    /// </summary>
    public IVMessStreamTransform? ResponseStreamContinuation { get; set; }
}
