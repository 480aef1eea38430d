using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>
/// Accepts TCP, runs the security layer (TLS) and then the HTTP upgrade on a task per client, so a slow or
/// hostile client never holds up the others; upgraded connections queue up for <see cref="AcceptAsync"/>.
/// Stopping takes what the kernel had already queued and lets handshakes in flight finish
/// (<see cref="SocketAcceptQueue"/>).
/// </summary>
internal sealed partial class WebSocketTransportListener(
    TransportEndpoint endpoint,
    WebSocketSettings settings,
    IConnectionLayer? securityLayer,
    TimeSpan handshakeTimeout,
    ILogger<WebSocketTransportListener> logger) : ITransportListener
{
    private const int Backlog = 512;
    private Socket? _socket;
    private SocketAcceptQueue? _queue;

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
        _queue = new SocketAcceptQueue(
            socket,
            Backlog,
            static client => new RawTcpConnection(client),
            (raw, stopping) => HandshakeAsync((RawTcpConnection)raw, stopping),
            ex => LogAcceptFailed(ex.Message));
    }

    public ValueTask<IConnection> AcceptAsync(CancellationToken cancellationToken) =>
        (_queue ?? throw new InvalidOperationException("The listener was not started.")).AcceptAsync(cancellationToken);

    public ValueTask StopAcceptingAsync() => _queue?.StopAcceptingAsync() ?? ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _queue?.DisposeAsync() ?? ValueTask.CompletedTask;
}
