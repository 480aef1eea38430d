using Microsoft.Extensions.Logging;

namespace VMessPlugins.Plugins.VMess.Outbound;

internal static partial class OutboundLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "vmess outbound [{Tag}]: {Destination} via {Server} as {User} ({Security}, {Header})")]
    public static partial void Connecting(ILogger logger, string tag, string destination, string server, string user, string security, string header);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "vmess outbound [{Tag}]: could not send the request header early: {Reason}")]
    public static partial void EarlyHeaderFailed(ILogger logger, string tag, string reason);
}
