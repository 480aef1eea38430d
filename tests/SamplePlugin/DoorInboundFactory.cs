using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Tests.SamplePlugin;

internal sealed class DoorInboundFactory : IInboundFactory
{
    public string Protocol => "sample-door";

    public IInboundHandler? Create(InboundDefinition definition)
    {
        var settings = definition.Settings;
        settings.WarnUnknownKeys("address", "port");
        var address = settings.GetRequiredString("address");
        var port = settings.GetInt32("port", 0, 1, ushort.MaxValue);
        return address is null || port == 0 ? null : new DoorInbound(Destination.Tcp(Address.Parse(address), (ushort)port));
    }
}
