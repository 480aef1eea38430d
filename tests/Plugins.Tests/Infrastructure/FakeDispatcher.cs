using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Plugins.Tests.Infrastructure;

/// <summary>
/// A dispatcher whose upstreams are in-memory echo peers (or a failure), recording every request;
/// its relay copies both ways with half-close, like the host's.
/// </summary>
internal sealed class FakeDispatcher : IDispatcher
{
    private readonly List<Destination> _connected = [];
    private readonly List<Task> _peers = [];

    /// <summary>When set, ConnectAsync throws it instead of connecting.</summary>
    public Exception? ConnectFailure { get; set; }

    /// <summary>What OpenPacketAsync returns.</summary>
    public Func<Destination, IPacketConnection>? PacketFactory { get; set; }

    /// <summary>The bytes the echo peers received, per connection, in order.</summary>
    public List<MemoryStream> PeerReceived { get; } = [];

    public IReadOnlyList<Destination> Connected => _connected;

    public Destination? PacketDestination { get; private set; }

    public ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        _connected.Add(destination);
        if (ConnectFailure is { } failure)
        {
            throw failure;
        }

        var (near, far) = DuplexPipeConnection.CreatePair();
        var received = new MemoryStream();
        PeerReceived.Add(received);
        _peers.Add(EchoPeerAsync(far, received));
        return ValueTask.FromResult<IConnection>(near);
    }

    public ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        PacketDestination = destination;
        return ValueTask.FromResult(PacketFactory?.Invoke(destination) ?? throw new ProxyException("no UDP in this test"));
    }

    public async ValueTask RelayAsync(IConnection client, IConnection upstream, SessionContext session, CancellationToken cancellationToken) =>
        await Task.WhenAll(CopyAsync(client, upstream, cancellationToken), CopyAsync(upstream, client, cancellationToken));

    public async ValueTask DispatchAsync(Destination destination, IConnection client, SessionContext session, CancellationToken cancellationToken)
    {
        var upstream = await ConnectAsync(destination, session, cancellationToken);
        await using (upstream)
        {
            await RelayAsync(client, upstream, session, cancellationToken);
        }
    }

    private static async Task CopyAsync(IConnection from, IConnection to, CancellationToken cancellationToken)
    {
        await from.Stream.CopyToAsync(to.Stream, cancellationToken);
        await to.CompleteWritesAsync(cancellationToken);
    }

    // Echoes until the proxy half-closes, recording what it got.
    private static async Task EchoPeerAsync(IConnection peer, MemoryStream received)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await peer.Stream.ReadAsync(buffer)) > 0)
        {
            lock (received)
            {
                received.Write(buffer, 0, read);
            }

            await peer.Stream.WriteAsync(buffer.AsMemory(0, read));
        }

        await peer.CompleteWritesAsync(CancellationToken.None);
    }
}
