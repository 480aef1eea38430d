using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>A socket as a connection, independent of the TCP plugin: FIN on complete, RST on abort.</summary>
internal sealed class TestSocketConnection(Socket socket) : IConnection
{
    private readonly NetworkStream _stream = new(socket, ownsSocket: true);

    public Stream Stream => _stream;

    public EndPoint? LocalEndPoint => socket.LocalEndPoint;

    public EndPoint? RemoteEndPoint => socket.RemoteEndPoint;

    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        socket.Shutdown(SocketShutdown.Send);
        return ValueTask.CompletedTask;
    }

    public void Abort()
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        socket.Close();
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
