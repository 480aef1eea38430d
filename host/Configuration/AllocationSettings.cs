namespace VMessPlugins.Host.Configuration;

/// <summary>An inbound's <c>allocate</c> object, with V2Ray 4.34's defaults (refresh 5 minutes, concurrency 3).</summary>
internal sealed record AllocationSettings(PortAllocation Strategy, TimeSpan Refresh, int Concurrency)
{
    public const int DefaultRefreshMinutes = 5;
    public const int DefaultConcurrency = 3;

    /// <summary>What an inbound without <c>allocate</c> gets.</summary>
    public static AllocationSettings Always { get; } =
        new(PortAllocation.Always, TimeSpan.FromMinutes(DefaultRefreshMinutes), DefaultConcurrency);

    public override string ToString() => Strategy == PortAllocation.Always
        ? "always"
        : $"random {Concurrency} every {Refresh.TotalMinutes:0.##} min";
}
