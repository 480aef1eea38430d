using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

/// <summary>Creates socks inbounds.</summary>
internal sealed class SocksInboundFactory(ILoggerFactory? loggerFactory = null, IPolicyProvider? policies = null) : IInboundFactory
{
    public string Protocol => "socks";

    public IInboundHandler? Create(InboundDefinition definition)
    {
        var settings = SocksSettingsReader.Read(definition.Settings);
        if (settings is null)
        {
            return null;
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SocksInbound>();
        return new SocksInbound(definition.Tag, settings, policies, logger);
    }
}
