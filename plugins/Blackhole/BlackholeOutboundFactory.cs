using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Blackhole;

/// <summary>Reads <c>settings.response</c> as V2Ray does and creates the outbound.</summary>
internal sealed class BlackholeOutboundFactory(ILoggerFactory? loggerFactory = null) : IOutboundFactory
{
    public string Protocol => "blackhole";

    public IOutboundHandler? Create(OutboundDefinition definition)
    {
        var settings = definition.Settings;
        settings.WarnUnknownKeys("response");
        var response = BlackholeResponse.None;
        if (HasKey(settings, "response"))
        {
            var responseReader = settings.Child("response");
            responseReader.WarnUnknownKeys("type");
            var type = responseReader.GetString("type");
            switch (type?.ToLowerInvariant())
            {
                case "none":
                    break;
                case "http":
                    response = BlackholeResponse.Http;
                    break;
                case null:
                    responseReader.Error("type", "is required: \"none\" or \"http\"");
                    return null;
                default:
                    responseReader.Error("type", $"must be \"none\" or \"http\", not \"{type}\"");
                    return null;
            }
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BlackholeOutbound>();
        return new BlackholeOutbound(definition.Tag, response, logger);
    }

    // An empty object ("response": {}) has no value and no children, so Has() misses it; V2Ray still
    // reads it, and reports the missing type.
    private static bool HasKey(Abstractions.Configuration.SettingsReader settings, string key) =>
        settings.Has(key) || settings.Section.GetChildren().Any(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}
