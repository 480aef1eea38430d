namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>How a VMess body direction is cut into chunks.</summary>
public enum BodyFramingMode
{
    /// <summary>No framing: the bytes as they are (the transport's end ends the body).</summary>
    Raw,

    /// <summary>size || data, no authentication, end = size 0 (security none over TCP/Mux).</summary>
    PlainChunks,

    /// <summary>size || sealed(data) || padding (AEAD suites, legacy with 0x01, none over UDP).</summary>
    SealedChunks,
}
