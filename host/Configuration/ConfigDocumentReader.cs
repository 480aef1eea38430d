using Microsoft.Extensions.Configuration;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Configuration;

/// <summary>
/// Merges config files as V2Ray does: top-level objects key by key with the later file winning,
/// <c>inbounds</c>/<c>outbounds</c> appended, an entry with an earlier entry's tag replacing it.
/// </summary>
internal static class ConfigDocumentReader
{
    private static readonly string[] s_topLevelKeys = ["log", "inbounds", "outbounds", "policy", "routing", "management", "reload"];

    public static ConfigDocument Read(IReadOnlyList<ConfigFile> files, ConfigDiagnostics diagnostics)
    {
        foreach (var file in files)
        {
            WarnUnknownTopLevelKeys(file, diagnostics);
        }

        var merged = new ConfigurationBuilder();
        foreach (var file in files)
        {
            merged.AddConfiguration(file.Root);
        }

        var combined = merged.Build();
        return new ConfigDocument
        {
            Log = LogSettingsReader.Read(MergedObject(files, combined, "log", diagnostics)
                ?? new SettingsReader(combined.GetSection("log"), null, diagnostics)),
            Policies = PolicyReader.Read(MergedObject(files, combined, "policy", diagnostics)),
            Reload = ReadReload(MergedObject(files, combined, "reload", diagnostics)),
            Inbounds = AppendByTag(files, "inbounds", diagnostics),
            Outbounds = AppendByTag(files, "outbounds", diagnostics),
            Routing = files.Where(f => f.Root.GetSection("routing").Exists())
                .Select(f => new SettingsReader(f.Root.GetSection("routing"), f.Name, diagnostics))
                .ToList(),
        };
    }

    private static ReloadSettings ReadReload(SettingsReader? reload)
    {
        if (reload is null)
        {
            return ReloadSettings.Default;
        }

        reload.WarnUnknownKeys("dropRemovedUsers", "dropReplacedInbounds");
        return new ReloadSettings(reload.GetBool("dropRemovedUsers", false), reload.GetBool("dropReplacedInbounds", false));
    }

    // SettingsReader wraps a section, not the root, so the top-level keys are checked here.
    private static void WarnUnknownTopLevelKeys(ConfigFile file, ConfigDiagnostics diagnostics)
    {
        foreach (var child in file.Root.GetChildren())
        {
            if (!s_topLevelKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                diagnostics.Warning(file.Name, child.Key, "is not supported and is ignored");
            }
        }
    }

    // The object as merged over all files; problems are attributed to the last file that has it.
    private static SettingsReader? MergedObject(IReadOnlyList<ConfigFile> files, IConfigurationRoot combined, string key, ConfigDiagnostics diagnostics)
    {
        var last = files.LastOrDefault(f => f.Root.GetSection(key).Exists());
        return last is null ? null : new SettingsReader(combined.GetSection(key), last.Name, diagnostics);
    }

    private static List<SettingsReader> AppendByTag(IReadOnlyList<ConfigFile> files, string key, ConfigDiagnostics diagnostics)
    {
        var entries = new List<SettingsReader>();
        var byTag = new Dictionary<string, (int Index, ConfigFile File)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var entry in ArrayItems(file, key, diagnostics))
            {
                var tag = entry.GetString("tag") ?? "";
                if (tag.Length > 0 && byTag.TryGetValue(tag, out var earlier))
                {
                    if (ReferenceEquals(earlier.File, file))
                    {
                        entry.Error("tag", $"duplicate tag \"{tag}\", also at {entries[earlier.Index].PathOf("tag")}");
                        continue;
                    }

                    entries[earlier.Index] = entry;
                    byTag[tag] = (earlier.Index, file);
                    continue;
                }

                if (tag.Length > 0)
                {
                    byTag[tag] = (entries.Count, file);
                }

                entries.Add(entry);
            }
        }

        return entries;
    }

    private static IEnumerable<SettingsReader> ArrayItems(ConfigFile file, string key, ConfigDiagnostics diagnostics)
    {
        var holder = new SettingsReader(file.Root.GetSection(key), file.Name, diagnostics);
        var items = holder.Section.GetChildren().ToList();
        if (holder.Section.Value is not null || items.Exists(c => !int.TryParse(c.Key, out _)))
        {
            holder.Error(null, "must be an array");
            yield break;
        }

        foreach (var item in items.OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture)))
        {
            yield return new SettingsReader(item, file.Name, diagnostics);
        }
    }
}
