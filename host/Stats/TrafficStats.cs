using System.Collections.Concurrent;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Stats;

/// <summary>
/// Every counter of the running host, created on first use. Users are counted by email (users without
/// one are not, as in V2Ray); inbounds and outbounds by tag.
/// </summary>
internal sealed class TrafficStats
{
    private readonly ConcurrentDictionary<string, StatCounter> _counters = new(StringComparer.Ordinal);

    public StatCounter Counter(string name, bool isGauge = false) =>
        _counters.GetOrAdd(name, static (_, gauge) => new StatCounter(gauge), isGauge);

    /// <summary>The counters one relayed connection adds to, resolved once per connection.</summary>
    public TrafficMeter MeterFor(SessionContext session)
    {
        var uplink = new List<StatCounter>(3);
        var downlink = new List<StatCounter>(3);
        StatCounter? open = null;
        if (session.User?.Email is { Length: > 0 } email)
        {
            uplink.Add(Counter(StatNames.UserTraffic(email, uplink: true)));
            downlink.Add(Counter(StatNames.UserTraffic(email, uplink: false)));
            open = Counter(StatNames.UserConnections(email), isGauge: true);
        }

        if (session.InboundTag.Length > 0)
        {
            uplink.Add(Counter(StatNames.InboundTraffic(session.InboundTag, uplink: true)));
            downlink.Add(Counter(StatNames.InboundTraffic(session.InboundTag, uplink: false)));
        }

        if (session.OutboundTag is { Length: > 0 } outbound)
        {
            uplink.Add(Counter(StatNames.OutboundTraffic(outbound, uplink: true)));
            downlink.Add(Counter(StatNames.OutboundTraffic(outbound, uplink: false)));
        }

        return new TrafficMeter([.. uplink], [.. downlink], open);
    }

    /// <summary>Every counter by name; <paramref name="reset"/> zeroes the byte counters (not the gauges) as they are read.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Snapshot(bool reset) =>
        _counters.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => KeyValuePair.Create(c.Key, c.Value.Read(reset)))
            .ToList();
}
