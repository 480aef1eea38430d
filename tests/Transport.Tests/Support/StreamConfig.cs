using System.Text;
using Microsoft.Extensions.Configuration;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Tests.Transport.Tests.Support;

/// <summary>A <c>streamSettings</c> object read from JSON, as the host hands it to transports.</summary>
internal sealed class StreamConfig
{
    public const string File = "test.json";

    private StreamConfig(SettingsReader reader, ConfigDiagnostics diagnostics)
    {
        Reader = reader;
        Diagnostics = diagnostics;
    }

    public SettingsReader Reader { get; }

    public ConfigDiagnostics Diagnostics { get; }

    public static StreamConfig Parse(string streamSettingsJson)
    {
        var json = $"{{\"streamSettings\": {streamSettingsJson}}}";
        var root = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var diagnostics = new ConfigDiagnostics();
        return new StreamConfig(new SettingsReader(root.GetSection("streamSettings"), File, diagnostics), diagnostics);
    }

    /// <summary>Errors and warnings as "error: path: message" lines.</summary>
    public string Describe() => string.Join(Environment.NewLine, Diagnostics.Items.Select(d => d.ToString()));
}
