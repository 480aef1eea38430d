namespace VMessPlugins.Abstractions.Configuration;

/// <summary>Collects every finding of a validation pass, so a user sees all mistakes at once.</summary>
public sealed class ConfigDiagnostics
{
    private readonly List<ConfigDiagnostic> _items = [];
    private readonly Lock _gate = new();

    /// <summary>All findings, in the order reported.</summary>
    public IReadOnlyList<ConfigDiagnostic> Items
    {
        get
        {
            lock (_gate)
            {
                return _items.ToArray();
            }
        }
    }

    /// <summary>True when at least one error was reported.</summary>
    public bool HasErrors
    {
        get
        {
            lock (_gate)
            {
                return _items.Exists(d => d.Severity == ConfigSeverity.Error);
            }
        }
    }

    /// <summary>Reports an error.</summary>
    public void Error(string? file, string jsonPath, string message) => Add(new(ConfigSeverity.Error, file, jsonPath, message));

    /// <summary>Reports a warning.</summary>
    public void Warning(string? file, string jsonPath, string message) => Add(new(ConfigSeverity.Warning, file, jsonPath, message));

    /// <summary>Adds a finding.</summary>
    public void Add(ConfigDiagnostic diagnostic)
    {
        lock (_gate)
        {
            _items.Add(diagnostic);
        }
    }
}
