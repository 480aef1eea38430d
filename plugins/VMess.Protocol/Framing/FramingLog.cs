using Microsoft.Extensions.Logging;

namespace VMessPlugins.VMess.Protocol.Framing;

internal static partial class FramingLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "VMess {Direction} chunk counter wrapped after 65536 chunks: nonces now repeat (as in V2Ray); larger chunks delay this")]
    public static partial void NonceCounterWrapped(ILogger logger, string direction);
}
