using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.VMess.Protocol.Framing;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Plugins.VMess.Inbound;

internal sealed partial class VMessInboundHandler
{
    // Mux command: the body carries Mux.Cool frames; each sub-connection is dispatched and ended on its own.
    // The carrier and its UDP sub-connections follow the user level's connIdle; a sub-connection buffers up to
    // the level's bufferSize before it is ended for not draining (see MuxSessionOptions).
    private async ValueTask ServeMuxAsync(VMessBodyConnection body, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var policy = _policies?.GetPolicy(session.Level) ?? ConnectionPolicy.Default;
        var options = MuxSessionOptions.Default with
        {
            ConnectionIdle = policy.ConnectionIdle,
            DatagramIdle = policy.ConnectionIdle,
            DrainTimeout = policy.DownlinkOnly,
            SubConnectionBuffer = policy.BufferSize > 0 ? policy.BufferSize : MuxSessionOptions.Default.SubConnectionBuffer,
        };
        await new MuxServerSession(body, dispatcher, session, options, _logger).RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
