using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Serves one Mux.Cool connection (a VMess body whose command is Mux): each TCP or UDP sub-connection is
/// dispatched on its own and ended on its own. See <see cref="MuxSessionOptions"/> for how a slow
/// sub-connection is kept from stalling the others.
/// </summary>
public sealed class MuxServerSession
{
    private readonly IConnection _carrier;
    private readonly IDispatcher _dispatcher;
    private readonly SessionContext _session;
    private readonly MuxSessionOptions _options;
    private readonly ILogger _logger;

    /// <summary>Prepares a session over <paramref name="carrier"/> (not disposed here).</summary>
    public MuxServerSession(IConnection carrier, IDispatcher dispatcher, SessionContext session, MuxSessionOptions options, ILogger logger)
    {
        _carrier = carrier;
        _dispatcher = dispatcher;
        _session = session;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Reads frames until the client ends the connection, then waits for the open sub-connections and ends
    /// the carrier's writes. A frame error throws <see cref="ProxyException"/> after that same clean end.
    /// </summary>
    public async ValueTask RunAsync(CancellationToken cancellationToken)
    {
        using var server = new MuxServer(_carrier, _dispatcher, _session, _options, _logger);
        await server.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
