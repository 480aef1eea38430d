using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Routing;

/// <summary>One field of a routing rule (inboundTag, domain, ...).</summary>
internal interface IRuleCondition
{
    bool Matches(SessionContext session, Destination destination);
}
