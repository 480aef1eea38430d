using System.Text.Json;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Plugins;

/// <summary>Reads plugins.json; every mistake becomes a diagnostic naming the file and where.</summary>
internal static class PluginManifestReader
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static PluginManifest? Read(string path, ConfigDiagnostics diagnostics)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            diagnostics.Error(null, path, "plugin manifest not found");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(fullPath), s_options);
            return Interpret(path, fullPath, document.RootElement, diagnostics);
        }
        catch (JsonException ex)
        {
            diagnostics.Error(path, JsonErrorText.Position(ex), JsonErrorText.Reason(ex));
            return null;
        }
    }

    private static PluginManifest? Interpret(string path, string fullPath, JsonElement root, ConfigDiagnostics diagnostics)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(null, path, "must be a JSON object");
            return null;
        }

        var baseDirectory = System.IO.Path.GetDirectoryName(fullPath)!;
        var folders = new List<string>();
        var plugins = new Dictionary<string, PluginSwitch>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.Equals("pluginFolders", StringComparison.OrdinalIgnoreCase))
            {
                ReadFolders(path, baseDirectory, property.Value, folders, diagnostics);
            }
            else if (property.Name.Equals("plugins", StringComparison.OrdinalIgnoreCase))
            {
                ReadSwitches(path, property.Value, plugins, diagnostics);
            }
            else
            {
                diagnostics.Warning(path, property.Name, "is not supported and is ignored");
            }
        }

        if (folders.Count == 0 && !root.EnumerateObject().Any(p => p.Name.Equals("pluginFolders", StringComparison.OrdinalIgnoreCase)))
        {
            folders.Add(System.IO.Path.Combine(baseDirectory, "plugins"));
        }

        return new PluginManifest(fullPath, folders, plugins);
    }

    private static void ReadFolders(string path, string baseDirectory, JsonElement value, List<string> folders, ConfigDiagnostics diagnostics)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            diagnostics.Error(path, "pluginFolders", "must be an array of folder paths");
            return;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                folders.Add(System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, item.GetString()!)));
            }
            else
            {
                diagnostics.Error(path, $"pluginFolders[{index}]", "must be a non-empty string");
            }

            index++;
        }
    }

    private static void ReadSwitches(string path, JsonElement value, Dictionary<string, PluginSwitch> plugins, ConfigDiagnostics diagnostics)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, "plugins", "must be an object mapping plugin names to true, false or { \"enabled\": ..., \"features\": { ... } }");
            return;
        }

        foreach (var entry in value.EnumerateObject())
        {
            var where = $"plugins.{entry.Name}";
            switch (entry.Value.ValueKind)
            {
                case JsonValueKind.True:
                case JsonValueKind.False:
                    plugins[entry.Name] = new PluginSwitch(entry.Value.GetBoolean(), PluginSwitch.NoFeatures);
                    break;
                case JsonValueKind.Object:
                    plugins[entry.Name] = ReadDetailedSwitch(path, where, entry.Value, diagnostics);
                    break;
                default:
                    diagnostics.Error(path, where, "must be true, false or an object");
                    break;
            }
        }
    }

    private static PluginSwitch ReadDetailedSwitch(string path, string where, JsonElement value, ConfigDiagnostics diagnostics)
    {
        var enabled = true;
        var features = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.Equals("enabled", StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    enabled = property.Value.GetBoolean();
                }
                else
                {
                    diagnostics.Error(path, $"{where}.enabled", "must be true or false");
                }
            }
            else if (property.Name.Equals("features", StringComparison.OrdinalIgnoreCase))
            {
                ReadFeatures(path, $"{where}.features", property.Value, features, diagnostics);
            }
            else
            {
                diagnostics.Warning(path, $"{where}.{property.Name}", "is not supported and is ignored");
            }
        }

        return new PluginSwitch(enabled, features);
    }

    private static void ReadFeatures(string path, string where, JsonElement value, Dictionary<string, bool> features, ConfigDiagnostics diagnostics)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            diagnostics.Error(path, where, "must be an object mapping feature names to true or false");
            return;
        }

        foreach (var feature in value.EnumerateObject())
        {
            if (feature.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                features[feature.Name] = feature.Value.GetBoolean();
            }
            else
            {
                diagnostics.Error(path, $"{where}.{feature.Name}", "must be true or false");
            }
        }
    }
}
