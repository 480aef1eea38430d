using Microsoft.Extensions.Logging;

namespace VMessPlugins.Plugins.VMess.Outbound;

internal static partial class OutboundLog
{
    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "vmess outbound [{Tag}]: {Destination} via {Server} as {User} ({Security}, {Header})")]
    public static partial void Connecting(ILogger logger, string tag, string destination, string server, string user, string security, string header);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "vmess outbound [{Tag}]: could not send the request header early: {Reason}")]
    public static partial void EarlyHeaderFailed(ILogger logger, string tag, string reason);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information,
        Message = "vmess outbound [{Tag}]: {Server} switched us to {Endpoint} as {User} (alterIds {AlterIds}, {Header}) for {Minutes} min")]
    public static partial void Switched(ILogger logger, string tag, string server, string endpoint, string user, int alterIds, string header, byte minutes);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Debug,
        Message = "vmess outbound [{Tag}]: ignored response command {CommandId} ({Length} bytes) from {Server}: unknown, corrupt or unusable")]
    public static partial void CommandIgnored(ILogger logger, string tag, string server, byte commandId, int length);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Warning,
        Message = "vmess outbound [{Tag}]: {Server} asks us to switch to an account (alterIds {AlterIds}, security aes-128-cfb) that needs the plugin {Plugin}, which is not enabled: staying on the configured account")]
    public static partial void SwitchNeedsPlugin(ILogger logger, string tag, string server, int alterIds, string plugin);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Warning,
        Message = "vmess outbound [{Tag}]: switched server {Endpoint} failed ({Reason}); back to the configured server")]
    public static partial void SwitchedServerFailed(ILogger logger, string tag, string endpoint, string reason);
}
