using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Support;

/// <summary>
/// A dispatcher whose upstreams live in memory: TCP echoes (half-close aware) unless <see cref="StreamUpstream"/>
/// says otherwise, UDP echoes. Its relay behaves like the host's: half-close, and a failed direction aborts both.
/// </summary>
internal sealed class EchoDispatcher : IDispatcher
{
    public List<Destination> Destinations { get; } = [];

    public List<SessionContext> Sessions { get; } = [];

    /// <summary>Chooses the upstream of a TCP destination; null: an echo.</summary>
    public Func<Destination, IConnection?>? StreamUpstream { get; init; }

    public ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        Record(destination, session);
        if (StreamUpstream?.Invoke(destination) is { } custom)
        {
            return ValueTask.FromResult(custom);
        }

        var (near, far) = DuplexPipeConnection.CreatePair();
        _ = EchoAsync(far);
        return ValueTask.FromResult<IConnection>(near);
    }

    public ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        Record(destination, session);
        return ValueTask.FromResult<IPacketConnection>(new EchoPacketConnection());
    }

    public async ValueTask RelayAsync(IConnection client, IConnection upstream, SessionContext session, CancellationToken cancellationToken)
    {
        var up = CopyAsync(client, upstream, cancellationToken);
        var down = CopyAsync(upstream, client, cancellationToken);
        var first = await Task.WhenAny(up, down);
        if (first.IsFaulted || first.IsCanceled)
        {
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

    private void Record(Destination destination, SessionContext session)
    {
        lock (Destinations)
        {
            Destinations.Add(destination);
            Sessions.Add(session);
        }
    }

    private static async Task EchoAsync(IConnection far)
    {
        await using (far)
        {
            try
            {
                await far.Stream.CopyToAsync(far.Stream);
                await far.CompleteWritesAsync(CancellationToken.None);
            }
            catch (IOException)
            {
                // Aborted by the relay.
            }
        }
    }

    private static async Task CopyAsync(IConnection from, IConnection to, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        int read;
        while ((read = await from.Stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await to.Stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await to.CompleteWritesAsync(cancellationToken);
    }
}
