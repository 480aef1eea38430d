using System.Net;
using System.Net.WebSockets;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>
/// A WebSocket session as a connection. Ending writes sends a Close frame and leaves reading open until
/// the peer's Close or EOF; V2Ray itself never half-closes, so send protocol end markers first.
/// </summary>
internal sealed class WebSocketConnection : IConnection
{
    private static readonly TimeSpan CloseOnDisposeTimeout = TimeSpan.FromSeconds(2);
    private readonly System.Net.WebSockets.WebSocket _socket;
    private readonly IConnection _inner;
    private int _writesCompleted;
    private int _disposed;

    public WebSocketConnection(IConnection inner, Stream handshakeStream, bool isServer, TimeSpan keepAlive, EndPoint? remoteEndPoint)
    {
        _inner = inner;
        _socket = System.Net.WebSockets.WebSocket.CreateFromStream(
            handshakeStream, new WebSocketCreationOptions { IsServer = isServer, KeepAliveInterval = keepAlive });
        Stream = new WebSocketMessageStream(_socket);
        RemoteEndPoint = remoteEndPoint;
    }

    public Stream Stream { get; }

    public EndPoint? LocalEndPoint => _inner.LocalEndPoint;

    public EndPoint? RemoteEndPoint { get; }

    public async ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _writesCompleted, 1) != 0 || _socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            throw new IOException($"WebSocket: {ex.Message}", ex);
        }
    }

    public void Abort()
    {
        _socket.Abort();
        _inner.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Like V2Ray: say goodbye with a Close frame (best effort), then drop the connection.
        if (Volatile.Read(ref _writesCompleted) == 0 && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(CloseOnDisposeTimeout);
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer is gone already.
            }
        }

        _socket.Dispose();
        await _inner.DisposeAsync().ConfigureAwait(false);
    }
}
