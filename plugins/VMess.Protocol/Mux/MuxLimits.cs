namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>The limits of Mux.Cool as v2ray 4.34 applies them.</summary>
internal static class MuxLimits
{
    /// <summary>Longest metadata the reader accepts.</summary>
    public const int MaxMetadataLength = 512;

    /// <summary>Longest datagram in one UDP frame; a longer one is fatal for the whole mux connection.</summary>
    public const int MaxDatagram = 2048;

    /// <summary>Most stream bytes per frame we write (4.34 writes at most this; it reads up to 65535).</summary>
    public const int MaxStreamDataPerFrame = 8192;

    /// <summary>meta_len + the longest New metadata we write (domain of 255 bytes) + data_len.</summary>
    public const int MaxWrittenHeader = 2 + (2 + 1 + 1 + 1 + 2 + 1 + 1 + 255) + 2;

    /// <summary>Sub-connections per carrier after which a 4.34 client moves to a new one.</summary>
    public const int MaxSubConnectionsPerCarrier = 128;

    /// <summary>The pseudo-domain of a mux carrier.</summary>
    public const string MuxDomain = "v1.mux.cool";
}
