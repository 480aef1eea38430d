using System.Text;
using Microsoft.Extensions.Configuration;

namespace VMessPlugins.Host.Configuration;

/// <summary>
/// A canonical text of a config object (keys lower-cased, as keys match case-insensitively, and sorted),
/// so a reload can tell whether an entry, or part of it, changed.
/// </summary>
internal static class SectionFingerprint
{
    public static string Of(IConfigurationSection section)
    {
        var lines = new List<string>();
        Collect(section, "", lines);
        lines.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static void Collect(IConfigurationSection section, string prefix, List<string> lines)
    {
        if (section.Value is { } value)
        {
            lines.Add(prefix + "=" + value);
        }

        foreach (var child in section.GetChildren())
        {
            Collect(child, prefix + "/" + child.Key.ToLowerInvariant(), lines);
        }
    }
}
