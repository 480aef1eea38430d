using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>Reads clients, default, detour and disableInsecureEncryption, reporting every problem.</summary>
internal static class VMessInboundSettingsReader
{
    public static VMessInboundSettings? Read(SettingsReader settings, bool legacyAvailable)
    {
        var errorsBefore = CountErrors(settings);
        settings.WarnUnknownKeys("clients", "default", "detour", "features", "disableInsecureEncryption", "taintFuse");
        var defaults = settings.Child("default");
        defaults.WarnUnknownKeys("level", "alterId");
        var defaultLevel = (uint)defaults.GetInt64("level", 0, 0, uint.MaxValue);
        var defaultAlterId = defaults.GetInt32("alterId", 0, 0, 65535);
        var detourTo = ReadDetour(settings);

        var clients = new List<VMessUser>();
        foreach (var client in settings.Children("clients"))
        {
            client.WarnUnknownKeys("id", "level", "alterId", "email", "security");
            var idText = client.GetRequiredString("id");
            var level = (uint)client.GetInt64("level", defaultLevel, 0, uint.MaxValue);
            var alterId = client.GetInt32("alterId", defaultAlterId, 0, 65535);
            var email = client.GetString("email");
            if (idText is null)
            {
                continue;
            }

            if (!VMessId.TryParse(idText, out var id))
            {
                client.Error("id", "must be a UUID such as \"b831381d-6324-4d53-ad4f-8cda48b30811\"");
                continue;
            }

            if (alterId > 0 && !legacyAvailable)
            {
                client.Warning("alterId", $"alterId {alterId}: legacy-header clients of this user are refused because the plugin Auth.Legacy is not enabled; AEAD clients are served");
            }

            clients.Add(new VMessUser(id, email, level, alterId));
        }

        var disableInsecure = settings.GetBool("disableInsecureEncryption", false);
        // Not in V2Ray (its docs say to edit the source): false keeps legacy auth hashes usable after a replay.
        var taintFuse = settings.GetBool("taintFuse", true);
        var detourDefaults = settings.Has("default") ? new DetourDefaults(defaultLevel, defaultAlterId) : null;
        return CountErrors(settings) > errorsBefore
            ? null
            : new VMessInboundSettings(clients, disableInsecure, taintFuse, detourDefaults, detourTo);
    }

    // detour: {to: TAG}, or V2Ray's older spelling features: {detour: {to: TAG}} when detour is absent. The tag is
    // checked at run time: only the host knows the inbounds, and a missing one costs a warning, not the start.
    private static string? ReadDetour(SettingsReader settings)
    {
        var detour = settings.Child("detour");
        if (!settings.Has("detour"))
        {
            var features = settings.Child("features");
            features.WarnUnknownKeys("detour");
            if (!features.Has("detour"))
            {
                return null;
            }

            detour = features.Child("detour");
        }

        detour.WarnUnknownKeys("to");
        var to = detour.GetString("to");
        if (string.IsNullOrEmpty(to))
        {
            detour.Warning("to", "is missing or empty: no client is detoured (it names the tag of a vmess inbound)");
            return null;
        }

        return to;
    }

    private static int CountErrors(SettingsReader settings) =>
        settings.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
}
