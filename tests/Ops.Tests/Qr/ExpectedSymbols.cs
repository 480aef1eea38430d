namespace VMessPlugins.Tests.Ops.Tests.Qr;

/// <summary>The qrencode-made symbols committed under Qr/Expected: NAME.input holds the text, NAME.txt the modules.</summary>
internal static class ExpectedSymbols
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Qr", "Expected");

    public static string Input(string name) => File.ReadAllText(Path.Combine(Folder, name + ".input"));

    /// <summary>Rows of '#' (dark) and '.' (light).</summary>
    public static string[] Modules(string name) =>
        File.ReadAllLines(Path.Combine(Folder, name + ".txt")).Where(l => l.Length > 0).ToArray();
}
