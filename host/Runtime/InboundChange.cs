namespace VMessPlugins.Host.Runtime;

/// <summary>What a reload does to one inbound.</summary>
internal enum InboundChange
{
    /// <summary>New in the config: a new runner starts.</summary>
    Added,

    /// <summary>Same entry, handler not reconfigurable: the running one goes on unchanged.</summary>
    Unchanged,

    /// <summary>Same listeners; the running handler took the new settings (IReconfigurableInbound).</summary>
    Reconfigured,

    /// <summary>A new runner replaces the old one, whose open connections finish (or end, if asked).</summary>
    Replaced,

    /// <summary>Gone from the config: its listeners stop.</summary>
    Removed,
}
