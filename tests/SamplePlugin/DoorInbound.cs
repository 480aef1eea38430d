using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Tests.SamplePlugin;

internal sealed class DoorInbound(Destination target) : IInboundHandler
{
    public ValueTask HandleAsync(IConnection client, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(target, client, session, cancellationToken);
}
