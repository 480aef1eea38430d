using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Transport.Tests.Support;

/// <summary>Runs a TLS layer's server and client sides against each other over one loopback TCP connection.</summary>
internal static class TlsPair
{
    public static async Task<(Task<IConnection> Server, Task<IConnection> Client)> StartAsync(
        IConnectionLayer server, IConnectionLayer client, Address target, CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = (ushort)((IPEndPoint)listener.LocalEndPoint!).Port;
        var clientSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptAsync(cancellationToken).AsTask();
        await clientSocket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        var serverSocket = await accepting;

        var serverRaw = new SocketConnection(serverSocket);
        var clientRaw = new SocketConnection(clientSocket);
        var serverSide = WrapAsync(serverRaw, () => server.WrapServerAsync(serverRaw, cancellationToken));
        var clientSide = WrapAsync(clientRaw, () => client.WrapClientAsync(clientRaw, Destination.Tcp(target, port), cancellationToken));
        return (serverSide, clientSide);
    }

    // A failed side drops its socket, as a real listener or dialer would, so the other side fails too.
    private static async Task<IConnection> WrapAsync(IConnection raw, Func<ValueTask<IConnection>> wrap)
    {
        try
        {
            return await wrap();
        }
        catch
        {
            raw.Abort();
            throw;
        }
    }
}
