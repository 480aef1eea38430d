namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>Builds a temporary plugins folder from built plugin outputs, plus a plugins.json for it.</summary>
internal static class PluginFolder
{
    public static void CopyHostPlugin(TempDirectory temp, string name, string? asName = null) =>
        CopyDirectory(RepoPaths.HostPlugin(name), temp.File(Path.Combine("plugins", asName ?? name)));

    public static string CopySample(TempDirectory temp, string asName = "SamplePlugin")
    {
        var target = temp.File(Path.Combine("plugins", asName));
        CopyDirectory(RepoPaths.SamplePluginOutput, target);
        return target;
    }

    /// <summary>Writes plugins.json with <paramref name="pluginsJson"/> as the "plugins" object.</summary>
    public static string WriteManifest(TempDirectory temp, string pluginsJson) =>
        temp.Write("plugins.json", $$"""{ "pluginFolders": ["plugins"], "plugins": {{pluginsJson}} }""");

    public static void CopyDirectory(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"{source} is missing: build the host and tests/SamplePlugin first");
        }

        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }
}
