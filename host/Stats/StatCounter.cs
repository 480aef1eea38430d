namespace VMessPlugins.Host.Stats;

/// <summary>One named number: a byte counter (reset on request) or an open-connection gauge (never reset).</summary>
internal sealed class StatCounter(bool isGauge)
{
    private long _value;

    public bool IsGauge { get; } = isGauge;

    public void Add(long amount) => Interlocked.Add(ref _value, amount);

    public long Read(bool reset) => reset && !IsGauge ? Interlocked.Exchange(ref _value, 0) : Volatile.Read(ref _value);
}
