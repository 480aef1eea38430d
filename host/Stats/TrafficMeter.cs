namespace VMessPlugins.Host.Stats;

/// <summary>The counters of one connection: adding a chunk touches each with one atomic add, no allocation.</summary>
internal sealed class TrafficMeter(StatCounter[] uplink, StatCounter[] downlink, StatCounter? open)
{
    public void Uplink(int bytes)
    {
        foreach (var counter in uplink)
        {
            counter.Add(bytes);
        }
    }

    public void Downlink(int bytes)
    {
        foreach (var counter in downlink)
        {
            counter.Add(bytes);
        }
    }

    public void Opened() => open?.Add(1);

    public void Closed() => open?.Add(-1);
}
