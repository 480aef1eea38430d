using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Tests.SamplePlugin;

internal sealed class DirectOutboundFactory : IOutboundFactory
{
    public string Protocol => "sample-direct";

    public IOutboundHandler? Create(OutboundDefinition definition)
    {
        definition.Settings.WarnUnknownKeys();
        return new DirectOutbound(definition.Dialer);
    }
}
