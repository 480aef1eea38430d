using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>
/// A run of consecutive TCP ports free on 127.0.0.1 right now, below Linux's ephemeral range (32768+) so that
/// outgoing connections of the test do not land in it.
/// </summary>
internal readonly record struct PortRange(ushort From, ushort To)
{
    public bool Contains(int port) => port >= From && port <= To;

    public override string ToString() => $"{From}-{To}";

    public static PortRange Find(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var from = (ushort)Random.Shared.Next(20000, 32000 - count);
            if (AllFree(from, count))
            {
                return new PortRange(from, (ushort)(from + count - 1));
            }
        }

        throw new InvalidOperationException($"no run of {count} free ports found between 20000 and 32000");
    }

    private static bool AllFree(ushort from, int count)
    {
        var sockets = new List<Socket>();
        try
        {
            for (var port = from; port < from + count; port++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
