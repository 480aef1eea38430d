namespace VMessPlugins.Tests.Ops.Tests.Support;

/// <summary>A config file in its own temporary folder, deleted on dispose.</summary>
internal sealed class TempConfig : IDisposable
{
    private readonly string _folder;

    public TempConfig(string json)
    {
        _folder = Path.Combine(Path.GetTempPath(), "ops-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        FilePath = Path.Combine(_folder, "config.json");
        File.WriteAllText(FilePath, json);
    }

    public string FilePath { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
