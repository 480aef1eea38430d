using Microsoft.Extensions.Logging;

namespace VMessPlugins.VMess.Protocol.Mux;

internal static partial class MuxLog
{
    [LoggerMessage(EventId = 3501, Level = LogLevel.Debug, Message = "mux: sub-connection {Id} opens {Destination}")]
    public static partial void Opening(ILogger logger, ushort id, string destination);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Warning,
        Message = "mux: sub-connection {Id} to {Destination} ended: it did not drain its {Buffer}-byte buffer in time")]
    public static partial void SubConnectionStalled(ILogger logger, ushort id, string destination, int buffer);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Information, Message = "mux: sub-connection {Id} to {Destination} failed: {Reason}")]
    public static partial void SubConnectionFailed(ILogger logger, ushort id, string destination, string reason);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Warning, Message = "mux: dropped a {Length}-byte datagram of sub-connection {Id} ({Reason})")]
    public static partial void DatagramDropped(ILogger logger, ushort id, int length, string reason);

    [LoggerMessage(EventId = 3505, Level = LogLevel.Warning, Message = "mux: New for sub-connection {Id}, which is still open; ignored")]
    public static partial void DuplicateNew(ILogger logger, ushort id);

    [LoggerMessage(EventId = 3506, Level = LogLevel.Debug, Message = "mux: connection closed after {Seconds} s without traffic")]
    public static partial void IdleClosed(ILogger logger, double seconds);

    [LoggerMessage(EventId = 3507, Level = LogLevel.Debug, Message = "mux client: connection {Carrier} ended: {Reason}")]
    public static partial void CarrierEnded(ILogger logger, long carrier, string reason);
}
