namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Buffers and timeouts of a mux connection (either end).
/// Mux.Cool has no per-sub-connection flow control: frames of all sub-connections share one ordered stream,
/// so a reader that waits for one full sub-connection waits for all of them (v2ray 4.34 does exactly that).
/// We bound the stall instead: each sub-connection buffers up to <see cref="SubConnectionBuffer"/> bytes;
/// when a frame does not fit, the reader waits at most <see cref="StalledWriteTimeout"/> for room, then ends
/// that one sub-connection (End + Error to the peer) and goes on with the others.
/// </summary>
public sealed record MuxSessionOptions
{
    /// <summary>The defaults: 512 KiB per sub-connection, 2 s stall, 300 s idle.</summary>
    public static MuxSessionOptions Default { get; } = new();

    /// <summary>Bytes received for one TCP sub-connection and not yet consumed by it.</summary>
    public int SubConnectionBuffer { get; init; } = 512 * 1024;

    /// <summary>Datagrams queued for one UDP sub-connection; more are dropped.</summary>
    public int DatagramQueue { get; init; } = 128;

    /// <summary>How long the reader waits for a full sub-connection before ending it.</summary>
    public TimeSpan StalledWriteTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The carrier closes after this long without a frame in either direction (policy connIdle).</summary>
    public TimeSpan ConnectionIdle { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>A UDP sub-connection ends after this long without a datagram (policy connIdle).</summary>
    public TimeSpan DatagramIdle { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>After a frame error, how long open sub-connections may still finish before the carrier ends.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
