namespace VMessPlugins.Host.Configuration;

/// <summary>V2Ray's <c>allocate.strategy</c>: listen on every port of the range, or on a few that change.</summary>
internal enum PortAllocation
{
    /// <summary>Every port of the range, for as long as the inbound runs (V2Ray's default).</summary>
    Always,

    /// <summary><see cref="AllocationSettings.Concurrency"/> random ports, picked again every <see cref="AllocationSettings.Refresh"/>.</summary>
    Random,
}
