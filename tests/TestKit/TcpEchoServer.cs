using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.TestKit;

/// <summary>
/// Echoes every TCP connection on 127.0.0.1 (or ::1). Half-close aware: when the client finishes
/// sending, the server finishes echoing and then ends its own side.
/// </summary>
public sealed class TcpEchoServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _accepted;

    /// <summary>Starts listening on a free port of <paramref name="address"/> (default 127.0.0.1).</summary>
    public TcpEchoServer(IPAddress? address = null)
    {
        var bindTo = address ?? IPAddress.Loopback;
        _listener = new Socket(bindTo.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(bindTo, 0));
        _listener.Listen(128);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The port it listens on.</summary>
    public ushort Port => (ushort)EndPoint.Port;

    /// <summary>How many connections were accepted so far.</summary>
    public int AcceptedCount => Volatile.Read(ref _accepted);

    private async Task AcceptLoopAsync()
    {
        var handlers = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _accepted);
                handlers.Add(EchoAsync(client, _stop.Token));
                handlers.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(handlers).ConfigureAwait(false);
    }

    private static async Task EchoAsync(Socket client, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }

            client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            client.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
