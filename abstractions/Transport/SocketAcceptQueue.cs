using System.Net.Sockets;
using System.Threading.Channels;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Abstractions.Transport;

/// <summary>
/// The accepting half of a socket-based <see cref="ITransportListener"/>: an accept loop on a listening
/// socket, an optional handshake per client on its own task (so one slow client cannot hold up the others),
/// and a queue of finished connections for <see cref="AcceptAsync"/>. <see cref="StopAcceptingAsync"/>
/// closes the socket but first takes what the kernel had queued and lets the handshakes in flight finish.
/// </summary>
public sealed class SocketAcceptQueue : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Func<Socket, IConnection> _adopt;
    private readonly Func<IConnection, CancellationToken, Task<IConnection?>>? _handshake;
    private readonly Action<SocketException> _acceptFailed;

    // Ends the accept loop (stop accepting, or dispose).
    private readonly CancellationTokenSource _acceptStop = new();

    // Ends everything: handshakes in flight and waits to queue a connection.
    private readonly CancellationTokenSource _disposing = new();
    private readonly Channel<IConnection> _ready;
    private readonly Task _acceptLoop;

    // The accepting side (one) plus every handshake in flight; the queue completes at zero.
    private int _producers = 1;
    private int _stoppedAccepting;
    private int _disposed;

    /// <summary>Starts accepting on <paramref name="listening"/>, which the queue owns from now on.</summary>
    /// <param name="listening">A bound socket that is listening.</param>
    /// <param name="capacity">How many finished connections may wait for <see cref="AcceptAsync"/>.</param>
    /// <param name="adopt">Makes the raw connection of an accepted socket.</param>
    /// <param name="handshake">
    /// Runs per client on its own task, with a token that is cancelled on dispose; returns the connection to
    /// queue, or null when it dropped the client (after logging why and closing it). A connection finished
    /// while the queue is full is aborted. Without a handshake, raw connections are queued as they come,
    /// the loop waiting for room (the kernel's backlog holds the rest meanwhile).
    /// </param>
    /// <param name="acceptFailed">Told when accepting fails for good; the loop then ends.</param>
    public SocketAcceptQueue(
        Socket listening,
        int capacity,
        Func<Socket, IConnection> adopt,
        Func<IConnection, CancellationToken, Task<IConnection?>>? handshake,
        Action<SocketException> acceptFailed)
    {
        ArgumentNullException.ThrowIfNull(listening);
        ArgumentNullException.ThrowIfNull(adopt);
        ArgumentNullException.ThrowIfNull(acceptFailed);
        _socket = listening;
        _adopt = adopt;
        _handshake = handshake;
        _acceptFailed = acceptFailed;
        _ready = Channel.CreateBounded<IConnection>(capacity);
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The next finished connection.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the queue stopped and is empty.</exception>
    public async ValueTask<IConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new OperationCanceledException("The listener was stopped.", ex);
        }
    }

    /// <summary>See <see cref="ITransportListener.StopAcceptingAsync"/>.</summary>
    public async ValueTask StopAcceptingAsync()
    {
        if (Interlocked.Exchange(ref _stoppedAccepting, 1) != 0)
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
                var next = _socket.AcceptAsync(once.Token);
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
            _socket.Dispose();
            ReleaseProducer();
        }
    }

    /// <summary>Closes the socket before the first await, ends the handshakes, and aborts what is still queued.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        if (Interlocked.Exchange(ref _stoppedAccepting, 1) == 0)
        {
            _acceptStop.Cancel();
            _socket.Dispose();
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

    private async Task AcceptLoopAsync()
    {
        await Task.Yield();
        var token = _acceptStop.Token;
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                return;
            }
            catch (SocketException ex)
            {
                _acceptFailed(ex);
                return;
            }

            await HandOnAsync(client).ConfigureAwait(false);
        }
    }

    private async Task HandOnAsync(Socket client)
    {
        var connection = _adopt(client);
        if (_handshake is not null)
        {
            Interlocked.Increment(ref _producers);
            _ = HandshakeThenQueueAsync(connection, _handshake);
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

    private async Task HandshakeThenQueueAsync(IConnection raw, Func<IConnection, CancellationToken, Task<IConnection?>> handshake)
    {
        try
        {
            if (await handshake(raw, _disposing.Token).ConfigureAwait(false) is { } finished && !_ready.Writer.TryWrite(finished))
            {
                finished.Abort();
                await finished.DisposeAsync().ConfigureAwait(false);
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
}
