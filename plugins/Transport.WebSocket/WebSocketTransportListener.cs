using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>
/// Accepts TCP, runs the security layer (TLS) and then the HTTP upgrade on a task per client, so a slow or
/// hostile client never holds up the others; upgraded connections queue up for <see cref="AcceptAsync"/>.
/// </summary>
internal sealed partial class WebSocketTransportListener(
    TransportEndpoint endpoint,
    WebSocketSettings settings,
    IConnectionLayer? securityLayer,
    TimeSpan handshakeTimeout,
    ILogger<WebSocketTransportListener> logger) : ITransportListener
{
    private const int Backlog = 512;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<IConnection> _upgraded = Channel.CreateBounded<IConnection>(Backlog);
    private Socket? _socket;

    public EndPoint LocalEndPoint => _socket?.LocalEndPoint ?? endpoint.ToIPEndPoint();

    public void Start()
    {
        var socket = new Socket(endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endpoint.ToIPEndPoint());
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _ = AcceptLoopAsync(socket, _stopping.Token);
    }

    public async ValueTask<IConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        if (_socket is null)
        {
            throw new InvalidOperationException("The listener was not started.");
        }

        try
        {
            return await _upgraded.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new OperationCanceledException("The listener was stopped.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _socket?.Dispose();
        _upgraded.Writer.TryComplete();
        while (_upgraded.Reader.TryRead(out var pending))
        {
            pending.Abort();
            await pending.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
                _ = HandshakeAsync(new RawTcpConnection(client), stopping);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
                                   || ex is SocketException { SocketErrorCode: SocketError.OperationAborted })
        {
            // Stopped.
        }
        catch (SocketException ex)
        {
            LogAcceptFailed(ex.Message);
        }
        finally
        {
            _upgraded.Writer.TryComplete();
        }
    }
}
