namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>The option bits of a Mux.Cool frame; other bits are ignored.</summary>
[Flags]
internal enum MuxOption : byte
{
    /// <summary>No option.</summary>
    None = 0,

    /// <summary>A data part (u16be length, bytes) follows the metadata.</summary>
    Data = 0x01,

    /// <summary>The sub-connection failed (meaningful on End).</summary>
    Error = 0x02,
}
