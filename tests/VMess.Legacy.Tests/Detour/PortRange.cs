using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>A run of consecutive TCP ports free on 127.0.0.1 right now (see <see cref="FreePort.TcpRange"/>).</summary>
internal readonly record struct PortRange(ushort From, ushort To)
{
    public bool Contains(int port) => port >= From && port <= To;

    public override string ToString() => $"{From}-{To}";

    public static PortRange Find(int count)
    {
        var ports = FreePort.TcpRange(count);
        return new PortRange(ports[0], ports[^1]);
    }
}
