using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>Hands the client one end of a pipe and keeps the other, to see exactly what a client sends.</summary>
internal sealed class CapturingDialer : ITransportDialer
{
    public DuplexPipeConnection? ServerEnd { get; private set; }

    public ValueTask<IConnection> DialAsync(Destination destination, CancellationToken cancellationToken)
    {
        var (client, server) = DuplexPipeConnection.CreatePair();
        ServerEnd = server;
        return ValueTask.FromResult<IConnection>(client);
    }
}
