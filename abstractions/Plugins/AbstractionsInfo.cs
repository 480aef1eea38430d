namespace VMessPlugins.Abstractions.Plugins;

/// <summary>Facts about this contracts assembly that the host checks plugins against.</summary>
public static class AbstractionsInfo
{
    /// <summary>The assembly name plugins must reference.</summary>
    public const string AssemblyName = "VMessPlugins.Abstractions";

    /// <summary>
    /// The major version of the contracts. A plugin compiled against another major version is refused,
    /// because interfaces may have changed shape between majors.
    /// </summary>
    public static int MajorVersion => typeof(AbstractionsInfo).Assembly.GetName().Version?.Major ?? 0;
}
