using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.TestKit;

/// <summary>Sends every UDP datagram back to its sender, on a free port of 127.0.0.1 (or ::1).</summary>
public sealed class UdpEchoServer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _received;

    /// <summary>Binds a free port of <paramref name="address"/> (default 127.0.0.1) and starts echoing.</summary>
    public UdpEchoServer(IPAddress? address = null)
    {
        var bindTo = address ?? IPAddress.Loopback;
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(bindTo, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = EchoLoopAsync();
    }

    /// <summary>Where the server is bound.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The bound port.</summary>
    public ushort Port => (ushort)EndPoint.Port;

    /// <summary>How many datagrams arrived so far.</summary>
    public int ReceivedCount => Volatile.Read(ref _received);

    private async Task EchoLoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _received);
                await _socket.SendToAsync(buffer.AsMemory(0, result.ReceivedBytes), SocketFlags.None, result.RemoteEndPoint, _stop.Token).ConfigureAwait(false);
            }
            catch (SocketException) when (!_stop.IsCancellationRequested)
            {
                // An ICMP "port unreachable" from an earlier send surfaces here on some systems: keep serving.
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
