namespace VMessPlugins.TestKit;

/// <summary>
/// Where the VMess test vectors are: $VMESS_VECTORS_DIR, else the copy in tests/vectors. Missing vectors
/// throw, so a vector test fails instead of passing on nothing.
/// </summary>
public static class VectorFiles
{
    private static readonly Lazy<string> s_directory = new(Locate);

    /// <summary>The folder holding kdf.json, authid.json, body_*.json, ...</summary>
    public static string Directory => s_directory.Value;

    /// <summary>The full path of one vector file, which must exist.</summary>
    public static string PathOf(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"vector file {path} is missing", path);
    }

    private static string Locate()
    {
        var candidate = Environment.GetEnvironmentVariable("VMESS_VECTORS_DIR") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(RepoPaths.Root, "tests", "vectors");
        return System.IO.Directory.Exists(candidate)
            ? Path.GetFullPath(candidate)
            : throw new DirectoryNotFoundException($"the VMess vectors folder {candidate} does not exist (set VMESS_VECTORS_DIR)");
    }
}
