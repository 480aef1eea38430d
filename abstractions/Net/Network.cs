namespace VMessPlugins.Abstractions.Net;

/// <summary>The transport-level network of a destination.</summary>
public enum Network
{
    /// <summary>A reliable byte stream.</summary>
    Tcp,

    /// <summary>Datagrams.</summary>
    Udp,
}
