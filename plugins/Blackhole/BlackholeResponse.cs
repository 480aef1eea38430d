namespace VMessPlugins.Plugins.Blackhole;

/// <summary>What a blackholed connection receives before it ends.</summary>
internal enum BlackholeResponse
{
    /// <summary>Nothing: end of stream at once.</summary>
    None,

    /// <summary>A fixed HTTP 403 answer, then end of stream.</summary>
    Http,
}
