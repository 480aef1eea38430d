using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tcp;

/// <summary>
/// Accepts TCP clients. With a security layer, each handshake runs on its own task so one slow client
/// cannot hold up the others; finished connections queue up for <see cref="AcceptAsync"/>.
/// </summary>
internal sealed partial class TcpTransportListener(
    TransportEndpoint endpoint,
    IConnectionLayer? securityLayer,
    TimeSpan handshakeTimeout,
    ILogger<TcpTransportListener> logger) : ITransportListener
{
    private const int Backlog = 512;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<IConnection> _secured = Channel.CreateBounded<IConnection>(Backlog);
    private Socket? _socket;
    private int _disposed;

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
        if (securityLayer is not null)
        {
            _ = AcceptSecuredLoopAsync(socket, securityLayer);
        }
    }

    public async ValueTask<IConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("The listener was not started.");
        if (securityLayer is not null)
        {
            try
            {
                return await _secured.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException ex)
            {
                throw new OperationCanceledException("The listener was stopped.", ex);
            }
        }

        return new TcpConnection(await AcceptRawAsync(socket, cancellationToken).ConfigureAwait(false));
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _stopping.Cancel();
        _socket?.Dispose();
        _secured.Writer.TryComplete();
        while (_secured.Reader.TryRead(out var pending))
        {
            pending.Abort();
        }

        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async ValueTask<Socket> AcceptRawAsync(Socket listener, CancellationToken cancellationToken)
    {
        try
        {
            var client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            client.NoDelay = true;
            return client;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted })
        {
            throw new OperationCanceledException("The listener was stopped.", ex);
        }
    }

    private async Task AcceptSecuredLoopAsync(Socket listener, IConnectionLayer layer)
    {
        var token = _stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var client = await AcceptRawAsync(listener, token).ConfigureAwait(false);
                _ = WrapAsync(new TcpConnection(client), layer, token);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (SocketException ex)
        {
            LogAcceptFailed(ex.Message);
        }
        finally
        {
            _secured.Writer.TryComplete();
        }
    }

    private async Task WrapAsync(TcpConnection raw, IConnectionLayer layer, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(handshakeTimeout);
        try
        {
            var secured = await layer.WrapServerAsync(raw, timeout.Token).ConfigureAwait(false);
            if (!_secured.Writer.TryWrite(secured))
            {
                secured.Abort();
                await secured.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogHandshakeFailed(raw.RemoteEndPoint, ex.Message);
            raw.Abort();
            await raw.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "security handshake with {Remote} failed: {Reason}")]
    private partial void LogHandshakeFailed(EndPoint? remote, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "accepting TCP connections failed: {Reason}")]
    private partial void LogAcceptFailed(string reason);
}
