using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Plugins.VMess.Outbound;

internal sealed partial class VMessOutboundHandler
{
    // Inside v2ray the carrier's target is v1.mux.cool:9527; a Mux-command header carries no address at all.
    private static readonly Destination MuxCarrierTarget = Destination.Tcp(Address.FromDomain("v1.mux.cool"), 9527);

    private MuxClient? _mux;

    /// <summary>Sends every stream and datagram of this outbound over Mux.Cool carriers of at most <paramref name="concurrency"/>.</summary>
    public void UseMux(int concurrency, ILogger muxLogger) =>
        _mux = new MuxClient(OpenMuxCarrierAsync, concurrency, MuxSessionOptions.Default, muxLogger);

    // One VMess connection with the Mux command; its header leaves with the first frame.
    private async ValueTask<IConnection> OpenMuxCarrierAsync(CancellationToken cancellationToken)
    {
        var (connection, route) = await DialAsync(MuxCarrierTarget, cancellationToken).ConfigureAwait(false);
        try
        {
            return CreateBody(connection, route, MuxCarrierTarget, VMessCommand.Mux);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
