using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Plugins.Http;

/// <summary>Reads http inbound settings as V2Ray 4.34 does, reporting every problem at its JSON path.</summary>
internal static class HttpSettingsReader
{
    public static HttpSettings? Read(SettingsReader settings)
    {
        settings.WarnUnknownKeys("accounts", "allowTransparent", "userLevel", "timeout");
        var errorsBefore = CountErrors(settings);
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in settings.Children("accounts"))
        {
            account.WarnUnknownKeys("user", "pass");
            if (account.GetRequiredString("user") is { } user)
            {
                accounts[user] = account.GetString("pass") ?? string.Empty;
            }
        }

        var allowTransparent = settings.GetBool("allowTransparent", false);
        var userLevel = (uint)settings.GetInt64("userLevel", 0, 0, uint.MaxValue);
        if (settings.GetInt32("timeout", 0, 0) > 0)
        {
            settings.Warning("timeout", "is deprecated and not applied; use policy.levels.N.connIdle");
        }

        return CountErrors(settings) > errorsBefore
            ? null
            : new HttpSettings { Accounts = accounts, AllowTransparent = allowTransparent, UserLevel = userLevel };
    }

    private static int CountErrors(SettingsReader settings) =>
        settings.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
}
