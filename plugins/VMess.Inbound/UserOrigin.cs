namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>Where an inbound's user came from; a reload only re-applies the configured ones.</summary>
internal enum UserOrigin
{
    /// <summary>settings.clients of the config file.</summary>
    Config,

    /// <summary>Added while running (management API).</summary>
    Runtime,

    /// <summary>Created for a detoured client (this inbound is a detour target).</summary>
    Detour,
}
