namespace VMessPlugins.Host.Cli;

/// <summary>What the command line asked for.</summary>
internal sealed record CliOptions(string Command, IReadOnlyList<string> ConfigFiles, string? PluginManifest, bool Help)
{
    public IReadOnlyList<string> ConfigFilesOrDefault =>
        ConfigFiles.Count > 0 ? ConfigFiles : [Configuration.EmbeddedDefaultConfig.DefaultPath];

    public string PluginManifestOrDefault => PluginManifest ?? Path.Combine(AppContext.BaseDirectory, "plugins.json");
}
