namespace VMessPlugins.Abstractions.Configuration;

/// <summary>One finding about a configuration file, located by file and JSON path.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="File">The file it was read from (null when not from a file).</param>
/// <param name="JsonPath">Where in the file, such as <c>inbounds[0].settings.clients[1].id</c>.</param>
/// <param name="Message">What is wrong and, where it helps, what is expected.</param>
public sealed record ConfigDiagnostic(ConfigSeverity Severity, string? File, string JsonPath, string Message)
{
    /// <summary>Formats as <c>error: config.json: inbounds[0].port: message</c>.</summary>
    public override string ToString()
    {
        var level = Severity == ConfigSeverity.Error ? "error" : "warning";
        var where = (File, JsonPath) switch
        {
            (null or "", _) => JsonPath,
            (_, "") => File,
            _ => $"{File}: {JsonPath}",
        };
        return where.Length == 0 ? $"{level}: {Message}" : $"{level}: {where}: {Message}";
    }
}
