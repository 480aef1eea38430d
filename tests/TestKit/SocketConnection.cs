using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.TestKit;

/// <summary>An <see cref="IConnection"/> over a connected TCP socket; half-close is <c>Shutdown(Send)</c>.</summary>
public sealed class SocketConnection : IConnection
{
    private readonly Socket _socket;

    /// <summary>Wraps a connected socket, which this connection then owns.</summary>
    public SocketConnection(Socket socket)
    {
        _socket = socket;
        Stream = new NetworkStream(socket, ownsSocket: true);
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
    }

    /// <inheritdoc/>
    public Stream Stream { get; }

    /// <inheritdoc/>
    public EndPoint? LocalEndPoint { get; }

    /// <inheritdoc/>
    public EndPoint? RemoteEndPoint { get; }

    /// <inheritdoc/>
    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Dispose();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
