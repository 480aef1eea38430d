using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Routing;

/// <summary>Picks an outbound: the first matching rule wins, else the first outbound.</summary>
internal sealed class Router(IReadOnlyList<RoutingRule> rules, string defaultTag)
{
    public string Route(SessionContext session, Destination destination)
    {
        foreach (var rule in rules)
        {
            if (rule.Matches(session, destination))
            {
                return rule.OutboundTag;
            }
        }

        return defaultTag;
    }
}
