using System.Text.Json;
using Microsoft.Extensions.Configuration;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Configuration;

/// <summary>Parses config files (comments allowed, keys case-insensitive); a syntax error names file, line and column.</summary>
internal static class ConfigFileLoader
{
    public static IReadOnlyList<ConfigFile> Load(IReadOnlyList<string> paths, ConfigDiagnostics diagnostics)
    {
        var files = new List<ConfigFile>();
        foreach (var path in paths)
        {
            if (LoadOne(path, diagnostics) is { } file)
            {
                files.Add(file);
            }
        }

        return files;
    }

    private static ConfigFile? LoadOne(string path, ConfigDiagnostics diagnostics)
    {
        byte[] bytes;
        try
        {
            bytes = EmbeddedDefaultConfig.ShouldUseFor(path) ? EmbeddedDefaultConfig.Read() : File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(null, path, $"cannot read the config file: {ex.Message}");
            return null;
        }

        try
        {
            var root = new ConfigurationBuilder().AddJsonStream(new MemoryStream(bytes)).Build();
            return new ConfigFile(path, root);
        }
        catch (JsonException json)
        {
            diagnostics.Error(path, JsonErrorText.Position(json), JsonErrorText.Reason(json));
        }
        catch (FormatException ex) when (FindJsonException(ex) is { } json)
        {
            diagnostics.Error(path, JsonErrorText.Position(json), JsonErrorText.Reason(json));
        }
        catch (FormatException ex)
        {
            diagnostics.Error(null, path, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            diagnostics.Error(null, path, ex.Message);
        }

        return null;
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }
}
