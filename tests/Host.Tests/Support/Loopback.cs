using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.Tests.Host.Tests.Support;

internal static class Loopback
{
    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Connects once the port accepts, polling until <paramref name="limit"/>; fails if the process died.</summary>
    public static async Task<TcpClient> ConnectWhenReadyAsync(int port, HostProcess host, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return client;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !host.HasExited)
            {
                client.Dispose();
                using var pause = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
                await pause.WaitForNextTickAsync();
            }
            catch (SocketException ex)
            {
                client.Dispose();
                throw new InvalidOperationException($"port {port} never accepted; host output:\n{host.Output}", ex);
            }
        }
    }
}
