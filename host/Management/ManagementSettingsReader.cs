using System.Net;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Management;

/// <summary>Reads <c>management</c>; absent means the API is off.</summary>
internal static class ManagementSettingsReader
{
    private const int MinTokenLength = 16;

    public static ManagementSettings? Read(SettingsReader? section)
    {
        if (section is null || !section.Section.GetChildren().Any())
        {
            return null;
        }

        section.WarnUnknownKeys("listen", "port", "token");
        var errors = section.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
        var listenText = section.GetString("listen", "127.0.0.1")!;
        if (!IPAddress.TryParse(listenText, out var listen) || !IPAddress.IsLoopback(listen))
        {
            section.Error("listen", $"must be a loopback address (127.0.0.1 or ::1), not \"{listenText}\": the API is for this machine only");
        }

        var port = section.GetInt32("port", 0, 1, 65535);
        if (!section.Has("port"))
        {
            section.Error("port", "is required");
        }

        var token = section.GetRequiredString("token");
        if (token is { Length: < MinTokenLength })
        {
            section.Error("token", $"must be at least {MinTokenLength} characters (try \"vmessplugins uuid\")");
        }

        var failed = section.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error) > errors;
        return failed || listen is null || token is null ? null : new ManagementSettings(listen, port, token);
    }
}
