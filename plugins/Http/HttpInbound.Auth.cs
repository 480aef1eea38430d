using System.Security.Cryptography;
using System.Text;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Http;

internal sealed partial class HttpInbound
{
    /// <summary>Checks Basic proxy auth when accounts are configured; answers 407 and throws when it fails.</summary>
    private async ValueTask<bool> AuthorizeAsync(Stream stream, HttpRequestHead head, SessionContext session, CancellationToken cancellationToken)
    {
        if (settings.Accounts.Count == 0)
        {
            return true;
        }

        var user = TryReadBasicCredentials(head["Proxy-Authorization"], out var pass);
        if (user is not null && settings.Accounts.TryGetValue(user, out var expected)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(pass)))
        {
            session.User = new UserInfo(user, user, settings.UserLevel);
            return true;
        }

        if (user is not null)
        {
            LogAuthFailed(logger, session.Id, tag, user);
        }

        await RejectAsync(stream, HttpResponses.ProxyAuthenticationRequired,
            user is null ? "the HTTP request has no valid Proxy-Authorization" : $"HTTP proxy authentication failed for user \"{user}\"",
            cancellationToken).ConfigureAwait(false);
        return false;
    }

    private static string? TryReadBasicCredentials(string? header, out string pass)
    {
        pass = string.Empty;
        const string Scheme = "Basic ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
            var colon = decoded.IndexOf(':');
            if (colon < 0)
            {
                return null;
            }

            pass = decoded[(colon + 1)..];
            return decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
