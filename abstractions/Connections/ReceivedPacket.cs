using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Abstractions.Connections;

/// <summary>One received datagram: its length in the caller's buffer and who sent it.</summary>
/// <param name="Length">Bytes written into the buffer.</param>
/// <param name="Source">The datagram's sender; null when the association has ended.</param>
public readonly record struct ReceivedPacket(int Length, Destination? Source)
{
    /// <summary>The value returned once the association has ended.</summary>
    public static ReceivedPacket Completed => default;

    /// <summary>True when the association has ended and no datagram was received.</summary>
    public bool IsCompleted => Source is null;
}
