using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Freedom;

/// <summary>Creates freedom outbounds; TCP goes through the outbound's own transport dialer.</summary>
internal sealed class FreedomOutboundFactory(ILoggerFactory? loggerFactory = null) : IOutboundFactory
{
    public string Protocol => "freedom";

    public IOutboundHandler? Create(OutboundDefinition definition)
    {
        var settings = FreedomSettingsReader.Read(definition.Settings);
        if (settings is null)
        {
            return null;
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<FreedomOutbound>();
        return new FreedomOutbound(definition.Tag, settings, definition.Dialer, new SystemResolver(), logger);
    }
}
