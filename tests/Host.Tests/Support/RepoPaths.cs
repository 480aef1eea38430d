namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>Where the built host and the sample plugin are, for the configuration these tests were built in.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, read from this test assembly's own output path (bin/CONFIG/net10.0/).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string HostDirectory => Path.Combine(Root, "host", "bin", Configuration, "net10.0");

    public static string HostExecutable => Path.Combine(HostDirectory, "vmessplugins");

    public static string HostPlugin(string name) => Path.Combine(HostDirectory, "plugins", name);

    public static string SamplePluginOutput => Path.Combine(Root, "tests", "SamplePlugin", "bin", Configuration, "net10.0");

    private static string FindRoot()
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
