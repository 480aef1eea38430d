namespace VMessPlugins.Tests.Ops.Tests.Support;

/// <summary>The built host beside this repository (its plugins/ folder and plugins.json), for the configuration these tests were built in.</summary>
internal static class HostOutput
{
    private static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string PluginManifest => Path.Combine(RepoRoot(), "host", "bin", Configuration, "net10.0", "plugins.json");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VMessPlugins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VMessPlugins.sln not found above " + AppContext.BaseDirectory);
    }
}
