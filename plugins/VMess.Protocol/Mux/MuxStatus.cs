namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>The status byte of a Mux.Cool frame.</summary>
internal enum MuxStatus : byte
{
    /// <summary>Opens a sub-connection; the metadata names its network and destination.</summary>
    New = 0x01,

    /// <summary>Carries data of an open sub-connection.</summary>
    Keep = 0x02,

    /// <summary>Ends a sub-connection (with <see cref="MuxOption.Error"/>: aborts it).</summary>
    End = 0x03,

    /// <summary>Carries nothing; read and discarded.</summary>
    KeepAlive = 0x04,
}
