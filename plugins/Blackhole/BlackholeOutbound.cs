using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Blackhole;

/// <summary>Accepts every connection and datagram and delivers nothing.</summary>
internal sealed partial class BlackholeOutbound(string tag, BlackholeResponse response, ILogger<BlackholeOutbound> logger) : IOutboundHandler
{
    // V2Ray's exact bytes, LF line endings included: clients compare them in tests.
    internal static ReadOnlyMemory<byte> HttpForbidden { get; } =
        "HTTP/1.1 403 Forbidden\nConnection: close\nCache-Control: max-age=3600, public\nContent-Length: 0\n\n\n"u8.ToArray();

    public ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        LogBlocked(logger, tag, destination);
        var answer = response == BlackholeResponse.Http ? HttpForbidden : ReadOnlyMemory<byte>.Empty;
        return ValueTask.FromResult<IConnection>(new BlackholeConnection(answer));
    }

    public ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        LogBlocked(logger, tag, destination);
        return ValueTask.FromResult<IPacketConnection>(new BlackholePacketConnection());
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Blackhole {Tag} swallowed {Destination}")]
    private static partial void LogBlocked(ILogger logger, string tag, Destination destination);
}
