using Microsoft.Extensions.Logging;

namespace VMessPlugins.Plugins.VMess.Outbound;

internal static partial class PacketLog
{
    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "vmess outbound: UDP replies from {Source} ended: {Reason}")]
    public static partial void ReceiveEnded(ILogger logger, string source, string reason);
}
