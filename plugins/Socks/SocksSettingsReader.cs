using System.Net;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Plugins.Socks;

/// <summary>Reads socks settings as V2Ray 4.34 does, reporting every problem at its JSON path.</summary>
internal static class SocksSettingsReader
{
    public static SocksSettings? Read(SettingsReader settings)
    {
        settings.WarnUnknownKeys("auth", "accounts", "udp", "ip", "userLevel", "timeout");
        var errorsBefore = CountErrors(settings);
        var passwordRequired = ReadAuth(settings);
        var accounts = ReadAccounts(settings);
        if (passwordRequired && accounts.Count == 0)
        {
            settings.Warning("accounts", "is empty while auth is \"password\": every login will fail");
        }

        var udp = settings.GetBool("udp", false);
        var replyAddress = ReadReplyAddress(settings);
        var userLevel = (uint)settings.GetInt64("userLevel", 0, 0, uint.MaxValue);
        if (settings.GetInt32("timeout", 0, 0) > 0)
        {
            settings.Warning("timeout", "is deprecated and not applied; use policy.levels.N.connIdle");
        }

        return CountErrors(settings) > errorsBefore
            ? null
            : new SocksSettings
            {
                PasswordRequired = passwordRequired,
                Accounts = accounts,
                UdpEnabled = udp,
                UdpReplyAddress = replyAddress,
                UserLevel = userLevel,
            };
    }

    private static int CountErrors(SettingsReader settings) =>
        settings.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);

    // Case-sensitive on purpose: V2Ray treats "Password" as noauth, and so do we (with a warning).
    private static bool ReadAuth(SettingsReader settings)
    {
        var auth = settings.GetString("auth");
        switch (auth)
        {
            case null or "noauth":
                return false;
            case "password":
                return true;
            default:
                settings.Warning("auth", $"\"{auth}\" is not \"noauth\" or \"password\" (case-sensitive) and means noauth");
                return false;
        }
    }

    private static Dictionary<string, string> ReadAccounts(SettingsReader settings)
    {
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in settings.Children("accounts"))
        {
            account.WarnUnknownKeys("user", "pass");
            var user = account.GetRequiredString("user");
            var pass = account.GetString("pass") ?? string.Empty;
            if (user is null)
            {
                continue;
            }

            if (System.Text.Encoding.UTF8.GetByteCount(user) > 255 || System.Text.Encoding.UTF8.GetByteCount(pass) > 255)
            {
                account.Error(null, "user and pass must be at most 255 bytes each (RFC 1929)");
                continue;
            }

            accounts[user] = pass;
        }

        return accounts;
    }

    private static IPAddress? ReadReplyAddress(SettingsReader settings)
    {
        var text = settings.GetString("ip");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!IPAddress.TryParse(text, out var address))
        {
            settings.Error("ip", $"must be an IP address, not \"{text}\"");
            return null;
        }

        return address;
    }
}
