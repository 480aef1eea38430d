namespace VMessPlugins.TestKit;

/// <summary>Locates the repository and the built host from a test's output folder.</summary>
public static class RepoPaths
{
    /// <summary>Overrides <see cref="HostDirectory"/> (for testing a published distribution).</summary>
    public const string HostDirectoryVariable = "VMESSPLUGINS_HOST_DIR";

    /// <summary>The folder holding VMessPlugins.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of the running tests (Debug/Release), read from their own path.</summary>
    public static string Configuration { get; } = FindConfiguration();

    /// <summary>The folder holding the host executable and its plugins/ folder.</summary>
    public static string HostDirectory =>
        Environment.GetEnvironmentVariable(HostDirectoryVariable) is { Length: > 0 } overridden
            ? Path.GetFullPath(overridden)
            : Path.Combine(Root, "host", "bin", Configuration, "net10.0");

    /// <summary>The host's plugins folder.</summary>
    public static string PluginsDirectory => Path.Combine(HostDirectory, "plugins");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VMessPlugins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No VMessPlugins.sln above {AppContext.BaseDirectory}.");
    }

    // Tests run from .../bin/<Configuration>/net10.0/.
    private static string FindConfiguration()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return framework.Parent?.Name is { Length: > 0 } name && framework.Parent.Parent?.Name == "bin" ? name : "Debug";
    }
}
