using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace VMessPlugins.Abstractions.Configuration;

/// <summary>
/// Reads typed values from one JSON object of the config and reports every problem with its file and
/// JSON path. Keys match case-insensitively, as in V2Ray. A getter that finds a problem reports it and
/// returns the fallback, so validation can go on and report everything at once.
/// </summary>
public sealed class SettingsReader
{
    /// <summary>Creates a reader over <paramref name="section"/>, which was read from <paramref name="file"/>.</summary>
    public SettingsReader(IConfigurationSection section, string? file, ConfigDiagnostics diagnostics)
    {
        Section = section;
        File = file;
        Diagnostics = diagnostics;
    }

    /// <summary>The JSON object read.</summary>
    public IConfigurationSection Section { get; }

    /// <summary>The file it came from.</summary>
    public string? File { get; }

    /// <summary>Where findings go.</summary>
    public ConfigDiagnostics Diagnostics { get; }

    /// <summary>The JSON path of this object.</summary>
    public string Path => JsonPath.FromConfigurationPath(Section.Path);

    /// <summary>True when the object has a key <paramref name="key"/> with a value or children.</summary>
    public bool Has(string key) => Section.GetSection(key).Exists();

    /// <summary>The JSON path of a key inside this object.</summary>
    public string PathOf(string key) => JsonPath.FromConfigurationPath(Section.GetSection(key).Path);

    /// <summary>A reader for a nested object (which may be absent).</summary>
    public SettingsReader Child(string key) => new(Section.GetSection(key), File, Diagnostics);

    /// <summary>Readers for the elements of a JSON array (absent: none).</summary>
    public IReadOnlyList<SettingsReader> Children(string key)
    {
        var array = Section.GetSection(key);
        return array.GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue)
            .Select(c => new SettingsReader(c, File, Diagnostics))
            .ToArray();
    }

    /// <summary>Reports an error at <paramref name="key"/> (or at this object when null).</summary>
    public void Error(string? key, string message) =>
        Diagnostics.Error(File, key is null ? Path : PathOf(key), message);

    /// <summary>Reports a warning at <paramref name="key"/> (or at this object when null).</summary>
    public void Warning(string? key, string message) =>
        Diagnostics.Warning(File, key is null ? Path : PathOf(key), message);

    /// <summary>Warns about every key not in <paramref name="known"/>: an unsupported key is never a silent no-op.</summary>
    public void WarnUnknownKeys(params string[] known)
    {
        foreach (var child in Section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                Diagnostics.Warning(File, JsonPath.FromConfigurationPath(child.Path), "is not supported and is ignored");
            }
        }
    }

    /// <summary>A string value; an object or array there is an error.</summary>
    public string? GetString(string key, string? fallback = null)
    {
        var section = Section.GetSection(key);
        if (section.Value is { } value)
        {
            return value;
        }

        if (section.GetChildren().Any())
        {
            Error(key, "must be a string, not an object or array");
        }

        return fallback;
    }

    /// <summary>A string that must be present and non-empty.</summary>
    public string? GetRequiredString(string key)
    {
        var value = GetString(key);
        if (string.IsNullOrEmpty(value))
        {
            if (!Has(key) || value is not null)
            {
                Error(key, Has(key) ? "must not be empty" : "is required");
            }

            return null;
        }

        return value;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; JSON numbers and numeric strings both count.</summary>
    public long GetInt64(string key, long fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = GetString(key);
        if (text is null)
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(key, $"must be an integer, not \"{text}\"");
            return fallback;
        }

        if (value < min || value > max)
        {
            Error(key, $"must be between {min} and {max}, not {value}");
            return fallback;
        }

        return value;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int GetInt32(string key, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        (int)GetInt64(key, fallback, min, max);

    /// <summary>A boolean (JSON true/false, or the strings "true"/"false").</summary>
    public bool GetBool(string key, bool fallback)
    {
        var text = GetString(key);
        if (text is null)
        {
            return fallback;
        }

        if (!bool.TryParse(text, out var value))
        {
            Error(key, $"must be true or false, not \"{text}\"");
            return fallback;
        }

        return value;
    }

    /// <summary>A list of strings: a JSON array, or one string split on commas (as V2Ray accepts).</summary>
    public IReadOnlyList<string> GetStringList(string key)
    {
        var section = Section.GetSection(key);
        if (section.Value is { } single)
        {
            return single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var list = new List<string>();
        foreach (var item in Children(key))
        {
            if (item.Section.Value is { } value)
            {
                list.Add(value);
            }
            else
            {
                item.Error(null, "must be a string");
            }
        }

        return list;
    }
}
