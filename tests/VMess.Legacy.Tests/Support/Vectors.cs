using System.Text.Json;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

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

    public static JsonElement Named(string fileName, string name) =>
        Load(fileName).GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    public static byte[] Hex(this JsonElement element) => Convert.FromHexString(element.GetString() ?? "");

    public static byte[] Hex(this JsonElement element, string property) => element.GetProperty(property).Hex();

    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i % 251);
        }

        return bytes;
    }

    private static string Locate() => VMessPlugins.TestKit.VectorFiles.Directory;
}
