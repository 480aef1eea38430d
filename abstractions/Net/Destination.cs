namespace VMessPlugins.Abstractions.Net;

/// <summary>Where a proxied connection or datagram goes.</summary>
/// <param name="Address">The target host.</param>
/// <param name="Port">The target port (1-65535; 0 only where a protocol allows it, such as the mux pseudo-destination).</param>
/// <param name="Network">TCP or UDP.</param>
public readonly record struct Destination(Address Address, ushort Port, Network Network)
{
    /// <summary>A TCP destination.</summary>
    public static Destination Tcp(Address address, ushort port) => new(address, port, Network.Tcp);

    /// <summary>A UDP destination.</summary>
    public static Destination Udp(Address address, ushort port) => new(address, port, Network.Udp);

    /// <summary>Formats as <c>tcp:host:port</c>, the way V2Ray's access log does.</summary>
    public override string ToString()
    {
        var host = Address.Kind == AddressKind.IPv6 ? $"[{Address}]" : Address.ToString();
        return $"{(Network == Network.Tcp ? "tcp" : "udp")}:{host}:{Port}";
    }
}
