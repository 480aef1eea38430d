using System.Globalization;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Configuration;

/// <summary>V2Ray's port lists: a number, "443", "1000-2000" or "53,443,1000-2000".</summary>
internal static class PortList
{
    /// <summary>Parses the value at <paramref name="key"/>; reports errors and returns null when it is bad.</summary>
    public static IReadOnlyList<(ushort From, ushort To)>? Read(SettingsReader reader, string key, bool allowZero = false)
    {
        var text = reader.GetString(key);
        if (text is null)
        {
            return null;
        }

        var ranges = new List<(ushort, ushort)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', 1);
            var fromText = dash < 0 ? part : part[..dash].Trim();
            var toText = dash < 0 ? part : part[(dash + 1)..].Trim();
            if (!TryPort(fromText, allowZero, out var from) || !TryPort(toText, allowZero, out var to) || from > to)
            {
                reader.Error(key, $"must be a port (1-65535), a range \"a-b\" or a comma-separated list of those, not \"{text}\"");
                return null;
            }

            ranges.Add((from, to));
        }

        if (ranges.Count == 0)
        {
            reader.Error(key, "must not be empty");
            return null;
        }

        return ranges;
    }

    private static bool TryPort(string text, bool allowZero, out ushort port) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && (port > 0 || allowZero);
}
