using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.TestKit;

/// <summary>
/// Ports that are free on 127.0.0.1 right now. They come from below Linux's ephemeral range (32768+), so an
/// outgoing connection anywhere on the machine cannot take one before the test binds it, and each is
/// reserved for a minute in a file under /tmp, so test processes running side by side never get the same.
/// </summary>
public static class FreePort
{
    private const int SingleFrom = 10000;
    private const int SingleTo = 20000;
    private const int RangeFrom = 20000;
    private const int RangeTo = 32000;
    private static readonly TimeSpan s_hold = TimeSpan.FromMinutes(1);
    private static readonly string s_reservations = Path.Combine(Path.GetTempPath(), "vmessplugins-test-ports");

    /// <summary>A TCP port nobody listens on.</summary>
    public static ushort Tcp() => Pick(tcp: true, udp: false);

    /// <summary>A UDP port nobody is bound to.</summary>
    public static ushort Udp() => Pick(tcp: false, udp: true);

    /// <summary>A port free for both TCP and UDP (for inbounds that use both).</summary>
    public static ushort TcpAndUdp() => Pick(tcp: true, udp: true);

    /// <summary>A run of <paramref name="count"/> consecutive free TCP ports.</summary>
    public static ushort[] TcpRange(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var from = Random.Shared.Next(RangeFrom, RangeTo - count);
            var ports = Enumerable.Range(from, count).ToArray();
            if (ports.All(p => IsFree(p, tcp: true, udp: false)) && ports.All(TryReserve))
            {
                return ports.Select(p => (ushort)p).ToArray();
            }
        }

        throw new InvalidOperationException($"no run of {count} free ports found between {RangeFrom} and {RangeTo}");
    }

    private static ushort Pick(bool tcp, bool udp)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(SingleFrom, SingleTo);
            if (IsFree(port, tcp, udp) && TryReserve(port))
            {
                return (ushort)port;
            }
        }

        throw new InvalidOperationException($"no free port found between {SingleFrom} and {SingleTo}");
    }

    private static bool IsFree(int port, bool tcp, bool udp)
    {
        try
        {
            if (tcp)
            {
                using var stream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                stream.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }

            if (udp)
            {
                using var datagram = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                datagram.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // True when no test process took this port in the last minute; the file is the claim.
    private static bool TryReserve(int port)
    {
        Directory.CreateDirectory(s_reservations);
        var path = Path.Combine(s_reservations, port.ToString(CultureInfo.InvariantCulture));
        try
        {
            using (File.Open(path, FileMode.CreateNew))
            {
            }

            return true;
        }
        catch (IOException)
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < s_hold)
                {
                    return false;
                }

                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
