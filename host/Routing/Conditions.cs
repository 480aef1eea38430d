using System.Collections.Frozen;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Routing;

internal sealed class InboundTagCondition(IEnumerable<string> tags) : IRuleCondition
{
    private readonly FrozenSet<string> _tags = tags.ToFrozenSet(StringComparer.Ordinal);

    public bool Matches(SessionContext session, Destination destination) => _tags.Contains(session.InboundTag);
}

internal sealed class UserCondition(IEnumerable<string> emails) : IRuleCondition
{
    private readonly FrozenSet<string> _emails = emails.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public bool Matches(SessionContext session, Destination destination) =>
        session.User?.Email is { } email && _emails.Contains(email);
}

internal sealed class NetworkCondition(bool tcp, bool udp) : IRuleCondition
{
    public bool Matches(SessionContext session, Destination destination) =>
        destination.Network == Network.Tcp ? tcp : udp;
}

internal sealed class PortCondition(IReadOnlyList<(ushort From, ushort To)> ranges) : IRuleCondition
{
    public bool Matches(SessionContext session, Destination destination)
    {
        foreach (var (from, to) in ranges)
        {
            if (destination.Port >= from && destination.Port <= to)
            {
                return true;
            }
        }

        return false;
    }
}
