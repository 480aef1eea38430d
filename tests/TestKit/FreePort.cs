using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.TestKit;

/// <summary>Finds ports that are free on 127.0.0.1 right now, by letting the OS pick one.</summary>
public static class FreePort
{
    /// <summary>A TCP port nobody listens on (another process may still take it before you do).</summary>
    public static ushort Tcp()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (ushort)((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>A UDP port nobody is bound to.</summary>
    public static ushort Udp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (ushort)((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A port free for both TCP and UDP (for inbounds that use both).</summary>
    public static ushort TcpAndUdp()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Tcp();
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
            }
        }
    }
}
