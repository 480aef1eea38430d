using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Stats;

namespace VMessPlugins.Host.Runtime;

/// <summary>Routes each request to an outbound, writes the access log line and relays.</summary>
internal sealed partial class Dispatcher(ProxyPlan plan, IPolicyProvider policies, TimeProvider time, ILoggerFactory loggers, TrafficStats? stats = null) : IDispatcher
{
    private readonly ILogger _access = loggers.CreateLogger("Access");
    private readonly ILogger _logger = loggers.CreateLogger<Dispatcher>();

    public async ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken) =>
        await Route(destination, session).ConnectAsync(destination, session, cancellationToken).ConfigureAwait(false);

    public async ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        var upstream = await Route(destination, session).OpenPacketAsync(destination, session, cancellationToken).ConfigureAwait(false);

        // Counted on the association as the inbound uses it: datagram payloads, as V2Ray counts.
        return stats is null ? upstream : new CountingPacketConnection(upstream, stats.MeterFor(session));
    }

    public async ValueTask RelayAsync(IConnection client, IConnection upstream, SessionContext session, CancellationToken cancellationToken)
    {
        // Counted on the client side: payload bytes as the inbound decoded them, as V2Ray counts.
        var meter = stats?.MeterFor(session);
        meter?.Opened();
        try
        {
            var counted = meter is null ? client : new CountingConnection(client, meter);
            if (await Relay.RunAsync(counted, upstream, policies.GetPolicy(session.Level), time, cancellationToken).ConfigureAwait(false))
            {
                LogIdleTimeout(_logger, session.Id, session.Target);
            }
        }
        finally
        {
            meter?.Closed();
        }
    }

    public async ValueTask DispatchAsync(Destination destination, IConnection client, SessionContext session, CancellationToken cancellationToken)
    {
        var upstream = await ConnectAsync(destination, session, cancellationToken).ConfigureAwait(false);
        await using (upstream.ConfigureAwait(false))
        {
            await RelayAsync(client, upstream, session, cancellationToken).ConfigureAwait(false);
        }
    }

    private IOutboundHandler Route(Destination destination, SessionContext session)
    {
        var tag = plan.Router.Route(session, destination);
        session.Target = destination;
        session.OutboundTag = tag;
        var email = session.User?.Email is { Length: > 0 } known ? " email: " + known : "";
        LogAccepted(_access, session.Source?.ToString() ?? "unknown", destination, session.InboundTag, tag, email);
        return plan.Outbounds.TryGetValue(tag, out var handler) ? handler
            : throw new ProxyException($"no outbound with tag \"{tag}\"");
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Source} accepted {Destination} [{Inbound} >> {Outbound}]{Email}")]
    private static partial void LogAccepted(ILogger logger, string source, Destination destination, string inbound, string outbound, string email);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "connection {Id} to {Destination} closed after the idle timeout")]
    private static partial void LogIdleTimeout(ILogger logger, long id, Destination? destination);
}
