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
/// Stopping takes what the kernel had already queued and lets handshakes in flight finish.
/// </summary>
internal sealed partial class WebSocketTransportListener(
    TransportEndpoint endpoint,
    WebSocketSettings settings,
    IConnectionLayer? securityLayer,
    TimeSpan handshakeTimeout,
    ILogger<WebSocketTransportListener> logger) : ITransportListener
{
    private const int Backlog = 512;

    // Ends the accept loop (stop accepting, or dispose).
    private readonly CancellationTokenSource _acceptStop = new();

    // Ends everything, handshakes in flight included.
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<IConnection> _upgraded = Channel.CreateBounded<IConnection>(Backlog);
    private Socket? _socket;
    private Task _acceptLoop = Task.CompletedTask;

    // The accepting side (one) plus every handshake in flight; the queue completes at zero.
    private int _producers = 1;
    private int _stoppedAccepting;
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
        _acceptLoop = AcceptLoopAsync(socket);
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

    public async ValueTask StopAcceptingAsync()
    {
        var socket = _socket;
        if (socket is null || Interlocked.Exchange(ref _stoppedAccepting, 1) != 0)
        {
            return;
        }

        await _acceptStop.CancelAsync().ConfigureAwait(false);
        await _acceptLoop.ConfigureAwait(false);
        try
        {
            // With the loop's accept gone, an accept completes at once exactly when the kernel has a
            // connection queued; the first one that would wait is cancelled and ends the drain.
            while (!_stopping.IsCancellationRequested)
            {
                using var once = new CancellationTokenSource();
                var next = socket.AcceptAsync(once.Token);
                if (!next.IsCompleted)
                {
                    await once.CancelAsync().ConfigureAwait(false);
                }

                Socket client;
                try
                {
                    client = await next.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    break;
                }

                StartHandshake(client);
            }
        }
        finally
        {
            socket.Dispose();
            ReleaseProducer();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Synchronous up to the socket's close, so the port is free before the first await.
        _stopping.Cancel();
        if (Interlocked.Exchange(ref _stoppedAccepting, 1) == 0)
        {
            _acceptStop.Cancel();
            _socket?.Dispose();
            await _acceptLoop.ConfigureAwait(false);
            ReleaseProducer();
        }

        _upgraded.Writer.TryComplete();
        while (_upgraded.Reader.TryRead(out var pending))
        {
            pending.Abort();
            await pending.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        await Task.Yield();
        var token = _acceptStop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                StartHandshake(await listener.AcceptAsync(token).ConfigureAwait(false));
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
    }

    private void StartHandshake(Socket client)
    {
        Interlocked.Increment(ref _producers);
        _ = HandshakeThenReleaseAsync(new RawTcpConnection(client));
    }

    private async Task HandshakeThenReleaseAsync(RawTcpConnection raw)
    {
        try
        {
            await HandshakeAsync(raw, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            ReleaseProducer();
        }
    }

    private void ReleaseProducer()
    {
        if (Interlocked.Decrement(ref _producers) == 0)
        {
            _upgraded.Writer.TryComplete();
        }
    }
}
