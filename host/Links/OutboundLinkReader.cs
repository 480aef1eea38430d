using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Host.Links;

/// <summary>
/// Builds a share link from a config's vmess outbound: its first server and that server's first user.
/// Problems go to the outbound's diagnostics with file and JSON path, as <c>test</c> reports them.
/// </summary>
internal static class OutboundLinkReader
{
    /// <param name="notes">Things the link leaves out, for the user to know.</param>
    public static VMessLink? Read(IReadOnlyList<SettingsReader> outbounds, string? tag, ConfigDiagnostics diagnostics, List<string> notes)
    {
        var outbound = Select(outbounds, tag, diagnostics);
        if (outbound is null)
        {
            return null;
        }

        var errorsBefore = ErrorCount(diagnostics);
        var servers = outbound.Child("settings").Children("vnext");
        if (servers.Count == 0)
        {
            outbound.Child("settings").Error("vnext", "needs at least one server");
            return null;
        }

        var server = servers[0];
        var address = server.GetRequiredString("address");
        if (address is not null && !Address.TryParse(address, out _))
        {
            server.Error("address", $"is not a valid address: \"{address}\"");
        }

        var port = server.GetInt32("port", 0, 1, 65535);
        if (!server.Has("port"))
        {
            server.Error("port", "is required");
        }

        var users = server.Children("users");
        if (users.Count == 0)
        {
            server.Error("users", "needs at least one user");
            return null;
        }

        var user = users[0];
        var id = user.GetRequiredString("id");
        if (id is not null && !Guid.TryParseExact(id, "D", out _))
        {
            user.Error("id", "must be a UUID such as \"b831381d-6324-4d53-ad4f-8cda48b30811\" to be put in a link");
        }

        var alterId = user.GetInt32("alterId", 0, 0, 65535);
        var security = (user.GetString("security") ?? "").Trim().ToLowerInvariant();
        var stream = OutboundStreamReader.Read(outbound.Child("streamSettings"));
        if (ErrorCount(diagnostics) > errorsBefore || address is null || id is null || stream is null)
        {
            return null;
        }

        if (security.Length > 0 && !VMessLinkNames.Securities.Contains(security))
        {
            notes.Add($"security \"{security}\" has no link value; the link says \"auto\"");
        }

        if (servers.Count > 1 || users.Count > 1)
        {
            notes.Add($"outbound \"{outbound.GetString("tag")}\" has {servers.Count} server(s) and {users.Count} user(s) on the first; the link carries {address}:{port} with the user {id[..8]}...");
        }

        return stream with
        {
            Name = outbound.GetString("tag") ?? "",
            Address = address,
            Port = port,
            Id = id.ToLowerInvariant(),
            AlterId = alterId,
            // V2Ray treats an empty or unknown name as auto.
            Security = VMessLinkNames.Securities.Contains(security) ? security : "auto",
        };
    }

    private static SettingsReader? Select(IReadOnlyList<SettingsReader> outbounds, string? tag, ConfigDiagnostics diagnostics)
    {
        if (tag is null)
        {
            var first = outbounds.FirstOrDefault(IsVMess);
            if (first is null)
            {
                diagnostics.Error(null, "outbounds", "there is no vmess outbound to export");
            }

            return first;
        }

        var tagged = outbounds.FirstOrDefault(o => string.Equals(o.GetString("tag"), tag, StringComparison.Ordinal));
        if (tagged is null)
        {
            var known = outbounds.Select(o => o.GetString("tag")).Where(t => !string.IsNullOrEmpty(t)).Select(t => t!);
            diagnostics.Error(null, "outbounds", $"no outbound has the tag \"{tag}\" (tags: {VMessLinkNames.Quote(known)})");
            return null;
        }

        if (!IsVMess(tagged))
        {
            tagged.Error("protocol", $"outbound \"{tag}\" is a \"{tagged.GetString("protocol")}\" outbound; only vmess outbounds make links");
            return null;
        }

        return tagged;
    }

    private static bool IsVMess(SettingsReader outbound) =>
        string.Equals(outbound.GetString("protocol"), "vmess", StringComparison.OrdinalIgnoreCase);

    private static int ErrorCount(ConfigDiagnostics diagnostics) =>
        diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
}
