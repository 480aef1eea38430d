using System.Net;

namespace VMessPlugins.Abstractions.Transport;

/// <summary>Where a listener binds.</summary>
/// <param name="Address">The local address.</param>
/// <param name="Port">The local port (0 picks a free one).</param>
public sealed record TransportEndpoint(IPAddress Address, ushort Port)
{
    /// <summary>As an <see cref="IPEndPoint"/>.</summary>
    public IPEndPoint ToIPEndPoint() => new(Address, Port);
}
