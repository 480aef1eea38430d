using System.Text;
using Microsoft.Extensions.Configuration;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>Settings readers over JSON text, as the host hands them to plugins (file name "test.json").</summary>
internal static class TestSettings
{
    public static SettingsReader Read(string json, ConfigDiagnostics diagnostics, string root = "settings")
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return new SettingsReader(configuration.GetSection(root), "test.json", diagnostics);
    }
}
