using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>Connects over TCP, applies the security layer, then upgrades to WebSocket within 8 s.</summary>
internal sealed class WebSocketTransportDialer(WebSocketSettings settings, IConnectionLayer? securityLayer) : ITransportDialer
{
    private static readonly TimeSpan UpgradeTimeout = TimeSpan.FromSeconds(8);

    public async ValueTask<IConnection> DialAsync(Destination destination, CancellationToken cancellationToken)
    {
        var raw = await TcpConnector.ConnectAsync(destination, cancellationToken).ConfigureAwait(false);
        IConnection connection = raw;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(UpgradeTimeout);
        try
        {
            if (securityLayer is not null)
            {
                connection = await securityLayer.WrapClientAsync(raw, destination, deadline.Token).ConfigureAwait(false);
            }

            var request = ClientUpgrade.CreateRequest(settings, destination, secure: securityLayer is not null, out var key);
            var leftover = await ClientUpgrade.RunAsync(connection.Stream, request, key, deadline.Token).ConfigureAwait(false);
            var stream = leftover.Length == 0 ? connection.Stream : new PrefixedStream(leftover, connection.Stream);
            return new WebSocketConnection(connection, stream, isServer: false, settings.KeepAliveInterval, connection.RemoteEndPoint);
        }
        catch (Exception ex)
        {
            connection.Abort();
            await connection.DisposeAsync().ConfigureAwait(false);
            await raw.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ProxyException($"no WebSocket handshake with {destination} within {UpgradeTimeout.TotalSeconds:0} s", ex);
            }

            if (ex is IOException)
            {
                throw new ProxyException($"WebSocket handshake with {destination} failed: {ex.Message}", ex);
            }

            throw;
        }
    }
}
