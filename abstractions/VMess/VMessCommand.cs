namespace VMessPlugins.Abstractions.VMess;

/// <summary>The command of a VMess request (byte 37).</summary>
public enum VMessCommand : byte
{
    /// <summary>A TCP stream.</summary>
    Tcp = 0x01,

    /// <summary>UDP datagrams to one destination, one per chunk.</summary>
    Udp = 0x02,

    /// <summary>A Mux.Cool session (destination v1.mux.cool).</summary>
    Mux = 0x03,
}
