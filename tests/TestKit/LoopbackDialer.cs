using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.TestKit;

/// <summary>A plain TCP <see cref="ITransportDialer"/> for tests, recording what it was asked to dial.</summary>
public sealed class LoopbackDialer : ITransportDialer
{
    private readonly List<Destination> _dialed = [];
    private readonly Lock _gate = new();

    /// <summary>Every destination dialed so far, in order.</summary>
    public IReadOnlyList<Destination> Dialed
    {
        get
        {
            lock (_gate)
            {
                return _dialed.ToArray();
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IConnection> DialAsync(Destination destination, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _dialed.Add(destination);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (destination.Address.Ip is { } ip)
            {
                await socket.ConnectAsync(new IPEndPoint(ip, destination.Port), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(destination.Address.Domain!, destination.Port, cancellationToken).ConfigureAwait(false);
            }

            return new SocketConnection(socket);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ProxyException($"Could not connect to {destination}: {e.SocketErrorCode}", e);
        }
    }
}
