using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>A dispatcher whose upstreams echo (streams and datagrams); records each session that reached it.</summary>
internal sealed class EchoDispatcher : IDispatcher
{
    private readonly List<SessionContext> _sessions = [];

    public IReadOnlyList<SessionContext> Sessions
    {
        get
        {
            lock (_sessions)
            {
                return _sessions.ToArray();
            }
        }
    }

    public ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        Record(session);
        var (near, far) = DuplexPipeConnection.CreatePair();
        _ = EchoAsync(far);
        return ValueTask.FromResult<IConnection>(near);
    }

    public ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        Record(session);
        return ValueTask.FromResult<IPacketConnection>(new EchoPacketConnection());
    }

    public async ValueTask RelayAsync(IConnection client, IConnection upstream, SessionContext session, CancellationToken cancellationToken)
    {
        await Task.WhenAll(CopyAsync(client, upstream, cancellationToken), CopyAsync(upstream, client, cancellationToken));
    }

    public async ValueTask DispatchAsync(Destination destination, IConnection client, SessionContext session, CancellationToken cancellationToken)
    {
        await using var upstream = await ConnectAsync(destination, session, cancellationToken);
        await RelayAsync(client, upstream, session, cancellationToken);
    }

    private void Record(SessionContext session)
    {
        lock (_sessions)
        {
            _sessions.Add(session);
        }
    }

    private static async Task EchoAsync(IConnection far)
    {
        await using (far)
        {
            await far.Stream.CopyToAsync(far.Stream);
            await far.CompleteWritesAsync(CancellationToken.None);
        }
    }

    private static async Task CopyAsync(IConnection from, IConnection to, CancellationToken cancellationToken)
    {
        await from.Stream.CopyToAsync(to.Stream, cancellationToken);
        await to.CompleteWritesAsync(cancellationToken);
    }
}
