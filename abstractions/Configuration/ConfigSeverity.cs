namespace VMessPlugins.Abstractions.Configuration;

/// <summary>How serious a configuration finding is.</summary>
public enum ConfigSeverity
{
    /// <summary>The setting is ignored or has no effect yet; the proxy still starts.</summary>
    Warning,

    /// <summary>The configuration cannot be used; the proxy does not start.</summary>
    Error,
}
