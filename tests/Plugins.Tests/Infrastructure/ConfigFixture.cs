using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Tests.Plugins.Tests.Infrastructure;

/// <summary>Builds inbound/outbound definitions from a settings JSON snippet, as the host would.</summary>
internal static class ConfigFixture
{
    public const string File = "test.json";

    public static (InboundDefinition Definition, ConfigDiagnostics Diagnostics) Inbound(string protocol, string settingsJson)
    {
        var (root, diagnostics) = Load("inbounds", settingsJson);
        var entry = new SettingsReader(root.GetSection("inbounds:0"), File, diagnostics);
        var definition = new InboundDefinition
        {
            Tag = "in",
            Protocol = protocol,
            Listen = IPAddress.Loopback,
            Ports = [1080],
            Settings = entry.Child("settings"),
            StreamSettings = new StreamSettings { Network = "tcp", Security = string.Empty, Reader = entry.Child("streamSettings") },
            Entry = entry,
        };
        return (definition, diagnostics);
    }

    public static (OutboundDefinition Definition, ConfigDiagnostics Diagnostics) Outbound(string protocol, string settingsJson, ITransportDialer dialer)
    {
        var (root, diagnostics) = Load("outbounds", settingsJson);
        var entry = new SettingsReader(root.GetSection("outbounds:0"), File, diagnostics);
        var definition = new OutboundDefinition
        {
            Tag = "out",
            Protocol = protocol,
            Settings = entry.Child("settings"),
            StreamSettings = new StreamSettings { Network = "tcp", Security = string.Empty, Reader = entry.Child("streamSettings") },
            Dialer = dialer,
            Mux = entry.Child("mux"),
            Entry = entry,
        };
        return (definition, diagnostics);
    }

    /// <summary>The diagnostics as "error: path: message" lines without the file, for compact assertions.</summary>
    public static string[] Lines(ConfigDiagnostics diagnostics) =>
        diagnostics.Items.Select(d => $"{(d.Severity == ConfigSeverity.Error ? "error" : "warning")}: {d.JsonPath}").ToArray();

    private static (IConfigurationRoot Root, ConfigDiagnostics Diagnostics) Load(string array, string settingsJson)
    {
        var json = $"{{\"{array}\": [{{\"settings\": {settingsJson}}}]}}";
        var root = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return (root, new ConfigDiagnostics());
    }
}
