namespace VMessPlugins.Abstractions.Policy;

/// <summary>The timeouts and buffer of one user level (V2Ray's <c>policy.levels.N</c>).</summary>
public sealed record ConnectionPolicy
{
    /// <summary>V2Ray 4.34's defaults: handshake 60 s, connIdle 300 s, uplinkOnly and downlinkOnly 1 s, buffer 512 KiB.</summary>
    public static ConnectionPolicy Default { get; } = new();

    /// <summary>How long a client may take to send its request header.</summary>
    public TimeSpan Handshake { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A connection with no traffic in either direction for this long is closed.</summary>
    public TimeSpan ConnectionIdle { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>After the downlink (server to client) has finished, the uplink may stay idle this long.</summary>
    public TimeSpan UplinkOnly { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After the uplink (client to server) has finished, the downlink may stay idle this long.</summary>
    public TimeSpan DownlinkOnly { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-connection buffer in bytes; negative means unlimited, 0 means none.</summary>
    public int BufferSize { get; init; } = 512 * 1024;
}
