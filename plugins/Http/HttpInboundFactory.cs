using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Http;

/// <summary>Creates http inbounds.</summary>
internal sealed class HttpInboundFactory(ILoggerFactory? loggerFactory = null, IPolicyProvider? policies = null) : IInboundFactory
{
    public string Protocol => "http";

    public IInboundHandler? Create(InboundDefinition definition)
    {
        var settings = HttpSettingsReader.Read(definition.Settings);
        if (settings is null)
        {
            return null;
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<HttpInbound>();
        return new HttpInbound(definition.Tag, settings, policies, logger);
    }
}
