using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Runtime;

namespace VMessPlugins.Host.Configuration;

/// <summary>The merged config files, read as far as the host can before the plugins are known.</summary>
internal sealed class ConfigDocument
{
    public required LogSettings Log { get; init; }

    public required PolicyProvider Policies { get; init; }

    /// <summary><c>inbounds[]</c> entries of all files, later tags replacing earlier ones.</summary>
    public required IReadOnlyList<SettingsReader> Inbounds { get; init; }

    /// <summary><c>outbounds[]</c> entries of all files, later tags replacing earlier ones.</summary>
    public required IReadOnlyList<SettingsReader> Outbounds { get; init; }

    /// <summary>The <c>reload</c> object: what a live reload does to connections it leaves behind.</summary>
    public ReloadSettings Reload { get; init; } = ReloadSettings.Default;

    /// <summary>The <c>routing</c> object of each file that has one, in file order (rules are appended).</summary>
    public required IReadOnlyList<SettingsReader> Routing { get; init; }
}
