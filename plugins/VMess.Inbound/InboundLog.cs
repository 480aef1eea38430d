using Microsoft.Extensions.Logging;

namespace VMessPlugins.Plugins.VMess.Inbound;

internal static partial class InboundLog
{
    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning,
        Message = "vmess inbound [{Tag}]: refused {Peer} before authentication ({Reason}); reading and discarding until the handshake deadline")]
    public static partial void Draining(ILogger logger, string tag, string? peer, string reason);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning,
        Message = "vmess inbound [{Tag}]: refused user {User} from {Peer}: {Reason}")]
    public static partial void UserRefused(ILogger logger, string tag, string user, string? peer, string reason);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Debug,
        Message = "vmess inbound [{Tag}]: drain of {Peer} ended after {Bytes} bytes ({How})")]
    public static partial void DrainEnded(ILogger logger, string tag, string? peer, long bytes, string how);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Debug,
        Message = "vmess inbound [{Tag}]: {User} from {Peer} asks for {Destination} ({Security}, options 0x{Options:x2})")]
    public static partial void Accepted(ILogger logger, string tag, string user, string? peer, string destination, string security, byte options);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Warning,
        Message = "vmess inbound [{Tag}]: detour.to names [{To}], which is not a running inbound: clients get no switch-account command")]
    public static partial void DetourTargetMissing(ILogger logger, string tag, string to);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Warning,
        Message = "vmess inbound [{Tag}]: detour.to names [{To}], which is not a vmess inbound: clients get no switch-account command")]
    public static partial void DetourTargetNotVMess(ILogger logger, string tag, string to);

    [LoggerMessage(EventId = 3307, Level = LogLevel.Warning,
        Message = "vmess inbound [{Tag}]: detour target [{To}] hands out alterId {AlterId} accounts but the plugin Auth.Legacy is not enabled: clients that follow with the legacy header are refused (set default.alterId 0 in [{To}])")]
    public static partial void DetourNeedsLegacy(ILogger logger, string tag, string to, int alterId);

    [LoggerMessage(EventId = 3308, Level = LogLevel.Debug,
        Message = "vmess inbound [{Tag}]: {User} detoured to [{To}] port {Port} for {Minutes} min")]
    public static partial void Detoured(ILogger logger, string tag, string user, string to, ushort port, byte minutes);
}
