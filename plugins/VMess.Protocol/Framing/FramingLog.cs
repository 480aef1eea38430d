using Microsoft.Extensions.Logging;

namespace VMessPlugins.VMess.Protocol.Framing;

internal static partial class FramingLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "VMess {Direction} chunk counter wrapped after 65536 chunks: nonces now repeat (as in V2Ray); larger chunks delay this")]
    public static partial void NonceCounterWrapped(ILogger logger, string direction);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information,
        Message = "VMess UDP datagram of {Length} bytes dropped: a chunk carries at most {Limit}")]
    public static partial void OversizedDatagramDropped(ILogger logger, int length, int limit);
}
