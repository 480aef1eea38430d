using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tcp;

/// <summary>
/// Accepts TCP clients. With a security layer, each handshake runs on its own task so one slow client
/// cannot hold up the others. Stopping takes what the kernel had already queued before the socket closes,
/// so a replaced listener resets nobody (<see cref="SocketAcceptQueue"/>).
/// </summary>
internal sealed partial class TcpTransportListener(
    TransportEndpoint endpoint,
    IConnectionLayer? securityLayer,
    TimeSpan handshakeTimeout,
    ILogger<TcpTransportListener> logger) : ITransportListener
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
            static client =>
            {
                client.NoDelay = true;
                return new TcpConnection(client);
            },
            securityLayer is null ? null : WrapAsync,
            ex => LogAcceptFailed(ex.Message));
    }

    public ValueTask<IConnection> AcceptAsync(CancellationToken cancellationToken) =>
        (_queue ?? throw new InvalidOperationException("The listener was not started.")).AcceptAsync(cancellationToken);

    public ValueTask StopAcceptingAsync() => _queue?.StopAcceptingAsync() ?? ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _queue?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<IConnection?> WrapAsync(IConnection raw, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(handshakeTimeout);
        try
        {
            return await securityLayer!.WrapServerAsync(raw, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogHandshakeFailed(raw.RemoteEndPoint, ex.Message);
            raw.Abort();
            await raw.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "security handshake with {Remote} failed: {Reason}")]
    private partial void LogHandshakeFailed(EndPoint? remote, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "accepting TCP connections failed: {Reason}")]
    private partial void LogAcceptFailed(string reason);
}
