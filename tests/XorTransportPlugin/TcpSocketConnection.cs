using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;

namespace XorTransportPlugin;

/// <summary>A TCP socket as an <see cref="IConnection"/>: half-close is a FIN, abort is a RST.</summary>
internal sealed class TcpSocketConnection(Socket socket) : IConnection
{
    public Stream Stream { get; } = new NetworkStream(socket, ownsSocket: true);

    public EndPoint? LocalEndPoint { get; } = socket.LocalEndPoint;

    public EndPoint? RemoteEndPoint { get; } = socket.RemoteEndPoint;

    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (ObjectDisposedException)
        {
            // Closed already: nothing left to end.
        }

        return ValueTask.CompletedTask;
    }

    public void Abort()
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Gone already.
        }

        socket.Close();
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
