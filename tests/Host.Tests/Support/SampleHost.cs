using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Runtime;

namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>A temporary installation: the TCP transport and the sample plugin, enabled, plus config files.</summary>
internal sealed class SampleHost : IDisposable
{
    public SampleHost()
    {
        PluginFolder.CopyHostPlugin(Temp, "Transport.Tcp");
        PluginFolder.CopySample(Temp);
        Manifest = PluginFolder.WriteManifest(Temp, """{ "Transport.Tcp": true, "SamplePlugin": true }""");
    }

    public TempDirectory Temp { get; } = new();

    public string Manifest { get; }

    public ConfigDiagnostics Diagnostics { get; } = new();

    public string WriteConfig(string json, string name = "config.json") => Temp.Write(name, json);

    /// <summary>Prepares the host in-process and returns every diagnostic line.</summary>
    public IReadOnlyList<string> Check(params string[] configFiles)
    {
        var prepared = HostPreparation.Prepare(configFiles, Manifest, Diagnostics);
        prepared?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return Diagnostics.Items.Select(d => d.ToString()).ToList();
    }

    public PreparedHost? Prepare(params string[] configFiles) => HostPreparation.Prepare(configFiles, Manifest, Diagnostics);

    public void Dispose() => Temp.Dispose();

    /// <summary>A config with one sample-door inbound and one sample-direct outbound; the parts can be overridden.</summary>
    public static string Config(string inboundExtra = "", string outboundExtra = "", string topExtra = "", int port = 20001) => $$"""
        {
          "inbounds": [
            { "tag": "door", "listen": "127.0.0.1", "port": {{port}}, "protocol": "sample-door",
              "settings": { "address": "127.0.0.1", "port": 9 } {{inboundExtra}} }
          ],
          "outbounds": [
            { "tag": "direct", "protocol": "sample-direct" {{outboundExtra}} }
          ] {{topExtra}}
        }
        """;
}
