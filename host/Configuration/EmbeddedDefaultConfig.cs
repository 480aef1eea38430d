namespace VMessPlugins.Host.Configuration;

/// <summary>
/// The default config.json, compiled into the host so that `vmessplugins run` works even when the file
/// beside the executable was deleted or never copied.
/// </summary>
internal static class EmbeddedDefaultConfig
{
    private const string ResourceName = "VMessPlugins.Host.config.json";

    /// <summary>Where the default config is looked for first.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "config.json");

    /// <summary>True when <paramref name="path"/> is the default location and nothing is there.</summary>
    public static bool ShouldUseFor(string path) =>
        !File.Exists(path) && string.Equals(Path.GetFullPath(path), Path.GetFullPath(DefaultPath), StringComparison.Ordinal);

    public static byte[] Read()
    {
        using var stream = typeof(EmbeddedDefaultConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the host was built without its embedded {ResourceName}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
