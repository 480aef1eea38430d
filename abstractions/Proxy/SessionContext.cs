using System.Net;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Abstractions.Proxy;

/// <summary>What is known about one proxied connection as it passes from inbound to outbound.</summary>
public sealed class SessionContext
{
    private static long s_nextId;

    /// <summary>A number unique within the process, for correlating log lines.</summary>
    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>The tag of the inbound that accepted the connection (may be empty).</summary>
    public required string InboundTag { get; init; }

    /// <summary>The client's address.</summary>
    public EndPoint? Source { get; init; }

    /// <summary>The local address the client connected to.</summary>
    public EndPoint? Local { get; init; }

    /// <summary>The authenticated user, once the inbound knows it.</summary>
    public UserInfo? User { get; set; }

    /// <summary>The policy level when no user is known (the inbound's <c>userLevel</c>).</summary>
    public uint DefaultLevel { get; set; }

    /// <summary>The level whose policy applies: the user's, else <see cref="DefaultLevel"/>.</summary>
    public uint Level => User?.Level ?? DefaultLevel;

    /// <summary>The destination, once the inbound has decoded it.</summary>
    public Destination? Target { get; set; }

    /// <summary>The tag of the outbound chosen by routing, once dispatched.</summary>
    public string? OutboundTag { get; set; }
}
