using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Freedom;

/// <summary>Connects straight to each destination (after <c>redirect</c> and <c>domainStrategy</c>).</summary>
internal sealed partial class FreedomOutbound(
    string tag, FreedomSettings settings, ITransportDialer dialer, IHostResolver resolver, ILogger<FreedomOutbound> logger) : IOutboundHandler
{
    public async ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        var target = settings.Redirect(destination);
        if (target.Address.Kind == AddressKind.Domain && settings.DomainStrategy != DomainStrategy.AsIs)
        {
            target = target with { Address = await ResolveAsync(target.Address.Domain!, settings.DomainStrategy, preferIPv4: false, cancellationToken).ConfigureAwait(false) };
        }

        LogConnecting(logger, session.Id, tag, target);
        try
        {
            return await dialer.DialAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new ProxyException($"cannot connect to {target}: {e.SocketErrorCode}", e);
        }
    }

    public ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        LogOpeningUdp(logger, session.Id, tag, settings.Redirect(destination));
        try
        {
            return ValueTask.FromResult<IPacketConnection>(new FreedomPacketConnection(this));
        }
        catch (SocketException e)
        {
            throw new ProxyException($"cannot open a UDP socket: {e.SocketErrorCode}", e);
        }
    }

    internal FreedomSettings Settings => settings;

    /// <summary>Resolves <paramref name="host"/> to one address as the strategy asks.</summary>
    internal async ValueTask<Address> ResolveAsync(string host, DomainStrategy strategy, bool preferIPv4, CancellationToken cancellationToken)
    {
        var family = strategy switch
        {
            DomainStrategy.UseIPv4 => AddressFamily.InterNetwork,
            DomainStrategy.UseIPv6 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        IPAddress[] found;
        try
        {
            found = await resolver.ResolveAsync(host, family, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new ProxyException($"cannot resolve {host}: {e.SocketErrorCode}", e);
        }

        if (found.Length == 0)
        {
            throw new ProxyException($"{host} has no {(family == AddressFamily.Unspecified ? "" : family == AddressFamily.InterNetwork ? "IPv4 " : "IPv6 ")}address");
        }

        if (preferIPv4 && Array.Find(found, a => a.AddressFamily == AddressFamily.InterNetwork) is { } v4)
        {
            return Address.FromIp(v4);
        }

        // V2Ray picks one of the answers at random.
        return Address.FromIp(found[found.Length == 1 ? 0 : Random.Shared.Next(found.Length)]);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "[{SessionId}] freedom {Tag} connecting to {Destination}")]
    private static partial void LogConnecting(ILogger logger, long sessionId, string tag, Destination destination);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "[{SessionId}] freedom {Tag} opening UDP, first datagram to {Destination}")]
    private static partial void LogOpeningUdp(ILogger logger, long sessionId, string tag, Destination destination);
}
