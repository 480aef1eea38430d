using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Tests.SamplePlugin;

internal sealed class DirectOutbound(ITransportDialer dialer) : IOutboundHandler
{
    public ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken) =>
        dialer.DialAsync(destination, cancellationToken);

    public ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken) =>
        throw new ProxyException("sample-direct does not carry UDP");
}
