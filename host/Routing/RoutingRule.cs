using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Routing;

/// <summary>A <c>"type": "field"</c> rule: every given field must match.</summary>
internal sealed class RoutingRule(string outboundTag, IReadOnlyList<IRuleCondition> conditions)
{
    public string OutboundTag => outboundTag;

    public bool Matches(SessionContext session, Destination destination)
    {
        foreach (var condition in conditions)
        {
            if (!condition.Matches(session, destination))
            {
                return false;
            }
        }

        return true;
    }
}
