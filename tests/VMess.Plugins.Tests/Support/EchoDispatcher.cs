using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>A dispatcher whose every upstream is an in-memory echo; records what reached upstream.</summary>
internal sealed class EchoDispatcher : IDispatcher
{
    private long _forwarded;

    public List<Destination> Destinations { get; } = [];

    public List<SessionContext> Sessions { get; } = [];

    public long ForwardedBytes => Interlocked.Read(ref _forwarded);

    public ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        lock (Destinations)
        {
            Destinations.Add(destination);
            Sessions.Add(session);
        }

        var (near, far) = DuplexPipeConnection.CreatePair();
        _ = EchoAsync(far);
        return ValueTask.FromResult<IConnection>(near);
    }

    public List<EchoPacketConnection> PacketUpstreams { get; } = [];

    public ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        var upstream = new EchoPacketConnection();
        lock (Destinations)
        {
            Destinations.Add(destination);
            Sessions.Add(session);
            PacketUpstreams.Add(upstream);
        }

        return ValueTask.FromResult<IPacketConnection>(upstream);
    }

    public async ValueTask RelayAsync(IConnection client, IConnection upstream, SessionContext session, CancellationToken cancellationToken)
    {
        var up = CopyAsync(client, upstream, count: true, cancellationToken);
        var down = CopyAsync(upstream, client, count: false, cancellationToken);
        var first = await Task.WhenAny(up, down);
        if (first.IsFaulted)
        {
            // Like a real relay: a broken direction tears down both ends.
            upstream.Abort();
            client.Abort();
            await first;
        }

        await Task.WhenAll(up, down);
    }

    public async ValueTask DispatchAsync(Destination destination, IConnection client, SessionContext session, CancellationToken cancellationToken)
    {
        await using var upstream = await ConnectAsync(destination, session, cancellationToken);
        await RelayAsync(client, upstream, session, cancellationToken);
    }

    private static async Task EchoAsync(IConnection far)
    {
        await using (far)
        {
            await far.Stream.CopyToAsync(far.Stream);
            await far.CompleteWritesAsync(CancellationToken.None);
        }
    }

    private async Task CopyAsync(IConnection from, IConnection to, bool count, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        int read;
        while ((read = await from.Stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (count)
            {
                Interlocked.Add(ref _forwarded, read);
            }

            await to.Stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await to.CompleteWritesAsync(cancellationToken);
    }
}
