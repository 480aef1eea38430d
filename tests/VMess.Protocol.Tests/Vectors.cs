using System.Text.Json;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

/// <summary>Loads the VMess vectors (TestKit.VectorFiles); a missing folder fails the test instead of skipping it.</summary>
internal static class Vectors
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static JsonElement Load(string fileName)
    {
        var path = Path.Combine(Folder.Value, fileName);
        Assert.True(File.Exists(path), $"vector file missing: {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static byte[] Hex(this JsonElement element) => Convert.FromHexString(element.GetString() ?? "");

    public static byte[] Hex(this JsonElement element, string property) => element.GetProperty(property).Hex();

    private static string Locate() => VMessPlugins.TestKit.VectorFiles.Directory;
}
