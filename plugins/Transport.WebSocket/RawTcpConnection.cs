using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>The TCP socket under the WebSocket: half-close is a FIN, abort is a RST.</summary>
internal sealed class RawTcpConnection : IConnection
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private int _disposed;

    public RawTcpConnection(Socket socket)
    {
        socket.NoDelay = true;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
    }

    public Stream Stream => _stream;

    public EndPoint? LocalEndPoint { get; }

    public EndPoint? RemoteEndPoint { get; }

    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException ex)
        {
            throw new IOException($"cannot end writes: {ex.Message}", ex);
        }
        catch (ObjectDisposedException)
        {
            // Already closed: nothing left to end.
        }

        return ValueTask.CompletedTask;
    }

    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone; closing is all that is left.
        }

        _socket.Close();
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
