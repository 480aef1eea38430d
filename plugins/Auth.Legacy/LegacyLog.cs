using Microsoft.Extensions.Logging;

namespace VMessPlugins.Plugins.Auth.Legacy;

internal static partial class LegacyLog
{
    [LoggerMessage(EventId = 3401, Level = LogLevel.Information,
        Message = "vmess inbound [{Tag}]: legacy auth of user {User} (second {Timestamp}) burnt by the taint fuse: {Reason}")]
    public static partial void FuseBurnt(ILogger logger, string tag, string user, long timestamp, string reason);
}
