using System.Text.Json;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Support;

/// <summary>Loads vectors/mux.json from tests/vectors (or $VMESS_VECTORS_DIR); missing vectors fail, never skip.</summary>
internal static class MuxVectors
{
    private static readonly Lazy<JsonElement> Root = new(Load);

    public static JsonElement Document => Root.Value;

    public static IEnumerable<JsonElement> Section(string name) => Document.GetProperty(name).EnumerateArray();

    public static JsonElement Named(string section, string name) =>
        Section(section).Single(e => e.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(string section)
    {
        var data = new TheoryData<string>();
        foreach (var item in Section(section))
        {
            data.Add(item.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static byte[] Hex(string? text) => Convert.FromHexString(text ?? "");

    /// <summary>
    /// A reader check's input: hex, or a hex prefix followed by "... (N bytes)", meaning the rest is zeros
    /// (the long inputs of mux.json are zero-padded, which their SHA-256 values confirm).
    /// </summary>
    public static byte[] ReaderInput(string text)
    {
        var marker = text.IndexOf("...", StringComparison.Ordinal);
        if (marker < 0)
        {
            return Hex(text);
        }

        var prefix = Hex(text[..marker].Trim());
        var open = text.IndexOf('(', marker);
        var total = int.Parse(text[(open + 1)..text.IndexOf(' ', open)], System.Globalization.CultureInfo.InvariantCulture);
        var bytes = new byte[total];
        prefix.CopyTo(bytes, 0);
        return bytes;
    }

    private static JsonElement Load()
    {
        var path = Path.Combine(Locate(), "mux.json");
        Assert.True(File.Exists(path), $"vector file missing: {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static string Locate() => VMessPlugins.TestKit.VectorFiles.Directory;
}
