using System.Text;

namespace VMessPlugins.VMess.Protocol.Crypto;

public static partial class VMessKdf
{
    // The label arrays are shared: callers pass them as path elements and must not modify them.

    /// <summary>"VMess AEAD KDF": the key of the root HMAC-SHA256.</summary>
    public static readonly byte[] RootKey = Encoding.ASCII.GetBytes("VMess AEAD KDF");

    /// <summary>"AES Auth ID Encryption": the AuthID AES-128 key label.</summary>
    public static readonly byte[] AuthIdEncryptionKey = Encoding.ASCII.GetBytes("AES Auth ID Encryption");

    /// <summary>"VMess Header AEAD Key_Length": the request header length key label.</summary>
    public static readonly byte[] HeaderLengthKey = Encoding.ASCII.GetBytes("VMess Header AEAD Key_Length");

    /// <summary>"VMess Header AEAD Nonce_Length": the request header length nonce label.</summary>
    public static readonly byte[] HeaderLengthNonce = Encoding.ASCII.GetBytes("VMess Header AEAD Nonce_Length");

    /// <summary>"VMess Header AEAD Key": the request header payload key label.</summary>
    public static readonly byte[] HeaderPayloadKey = Encoding.ASCII.GetBytes("VMess Header AEAD Key");

    /// <summary>"VMess Header AEAD Nonce": the request header payload nonce label.</summary>
    public static readonly byte[] HeaderPayloadNonce = Encoding.ASCII.GetBytes("VMess Header AEAD Nonce");

    /// <summary>"AEAD Resp Header Len Key": the response header length key label.</summary>
    public static readonly byte[] ResponseLengthKey = Encoding.ASCII.GetBytes("AEAD Resp Header Len Key");

    /// <summary>"AEAD Resp Header Len IV": the response header length nonce label.</summary>
    public static readonly byte[] ResponseLengthNonce = Encoding.ASCII.GetBytes("AEAD Resp Header Len IV");

    /// <summary>"AEAD Resp Header Key": the response header payload key label.</summary>
    public static readonly byte[] ResponsePayloadKey = Encoding.ASCII.GetBytes("AEAD Resp Header Key");

    /// <summary>"AEAD Resp Header IV": the response header payload nonce label.</summary>
    public static readonly byte[] ResponsePayloadNonce = Encoding.ASCII.GetBytes("AEAD Resp Header IV");
}
