using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tcp;

/// <summary>
/// Accepts TCP clients on its own loop and queues them for <see cref="AcceptAsync"/>. With a security layer,
/// each handshake runs on its own task so one slow client cannot hold up the others. Stopping takes what
/// the kernel had already queued before the socket closes, so a replaced listener resets nobody.
/// </summary>
internal sealed partial class TcpTransportListener(
    TransportEndpoint endpoint,
    IConnectionLayer? securityLayer,
    TimeSpan handshakeTimeout,
    ILogger<TcpTransportListener> logger) : ITransportListener
{
    private const int Backlog = 512;

    // Ends the accept loop (stop accepting, or dispose).
    private readonly CancellationTokenSource _acceptStop = new();

    // Ends everything: handshakes in flight and waits to queue a connection.
    private readonly CancellationTokenSource _disposing = new();
    private readonly Channel<IConnection> _ready = Channel.CreateBounded<IConnection>(Backlog);
    private Socket? _socket;
    private Task _acceptLoop = Task.CompletedTask;

    // The accepting side (one) plus every security handshake in flight; the queue completes at zero.
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
            return await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
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
            while (!_disposing.IsCancellationRequested)
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

                await HandOnAsync(client).ConfigureAwait(false);
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
        _disposing.Cancel();
        if (Interlocked.Exchange(ref _stoppedAccepting, 1) == 0)
        {
            _acceptStop.Cancel();
            _socket?.Dispose();
            await _acceptLoop.ConfigureAwait(false);
            ReleaseProducer();
        }

        // Handshakes still in flight see the cancellation, and find the queue closed.
        _ready.Writer.TryComplete();
        while (_ready.Reader.TryRead(out var pending))
        {
            pending.Abort();
            await pending.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        await Task.Yield();
        var token = _acceptStop.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                return;
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(ex.Message);
                return;
            }

            await HandOnAsync(client).ConfigureAwait(false);
        }
    }

    // A plain connection waits for room in the queue (the host takes them as fast as they come, and the
    // kernel's backlog holds the rest meanwhile); a secured one starts its handshake on its own task.
    private async Task HandOnAsync(Socket client)
    {
        client.NoDelay = true;
        var connection = new TcpConnection(client);
        if (securityLayer is not null)
        {
            Interlocked.Increment(ref _producers);
            _ = WrapAsync(connection, securityLayer);
            return;
        }

        try
        {
            await _ready.Writer.WriteAsync(connection, _disposing.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            connection.Abort();
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WrapAsync(TcpConnection raw, IConnectionLayer layer)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
            timeout.CancelAfter(handshakeTimeout);
            IConnection secured;
            try
            {
                secured = await layer.WrapServerAsync(raw, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogHandshakeFailed(raw.RemoteEndPoint, ex.Message);
                raw.Abort();
                await raw.DisposeAsync().ConfigureAwait(false);
                return;
            }

            if (!_ready.Writer.TryWrite(secured))
            {
                secured.Abort();
                await secured.DisposeAsync().ConfigureAwait(false);
            }
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
            _ready.Writer.TryComplete();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "security handshake with {Remote} failed: {Reason}")]
    private partial void LogHandshakeFailed(EndPoint? remote, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "accepting TCP connections failed: {Reason}")]
    private partial void LogAcceptFailed(string reason);
}
