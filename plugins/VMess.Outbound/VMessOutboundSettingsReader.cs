using System.Collections.Frozen;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>Validates outbound settings, reporting every problem with its JSON path.</summary>
internal sealed class VMessOutboundSettingsReader
{
    private readonly FrozenDictionary<string, IVMessCipherSuite> _suites;
    private readonly FrozenDictionary<string, IVMessHeaderAuthenticator> _authenticators;

    public VMessOutboundSettingsReader(IEnumerable<IVMessCipherSuite> suites, IEnumerable<IVMessHeaderAuthenticator> authenticators)
    {
        _suites = suites.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        _authenticators = authenticators.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>What a switch-account command turns into, with this outbound's header rule.</summary>
    public SwitchAccountFactory CreateSwitchAccountFactory(HeaderChoice choice) => new(_suites, _authenticators, choice);

    public VMessOutboundSettings? Read(SettingsReader settings)
    {
        var errorsBefore = settings.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
        settings.WarnUnknownKeys("vnext", "testsEnabled");
        var tests = (settings.GetString("testsEnabled") ?? "")
            .Split(['|', ',', ' '], StringSplitOptions.RemoveEmptyEntries);
        var forceAead = tests.Contains("VMessAEAD", StringComparer.OrdinalIgnoreCase);
        var authenticatedLength = tests.Contains("AuthenticatedLength", StringComparer.OrdinalIgnoreCase);
        var experiment = AeadExperiment.Read();
        if (experiment == true)
        {
            AeadExperiment.Announce();
        }

        var servers = new List<VMessServer>();
        var vnext = settings.Children("vnext");
        if (vnext.Count == 0)
        {
            settings.Error("vnext", "needs at least one server");
        }

        foreach (var server in vnext)
        {
            var address = server.GetRequiredString("address");
            var port = server.GetInt32("port", 0, 1, 65535);
            if (!server.Has("port"))
            {
                server.Error("port", "is required");
            }

            var accounts = new List<VMessAccount>();
            var users = server.Children("users");
            if (users.Count == 0)
            {
                server.Error("users", "needs at least one user");
            }

            foreach (var user in users)
            {
                if (ReadAccount(user, forceAead, experiment, authenticatedLength) is { } account)
                {
                    accounts.Add(account);
                }
            }

            if (address is not null && port > 0 && Address.TryParse(address, out var parsed))
            {
                servers.Add(new VMessServer(Destination.Tcp(parsed, (ushort)port), accounts));
            }
            else if (address is not null)
            {
                server.Error("address", $"is not a valid address: \"{address}\"");
            }
        }

        var errorsAfter = settings.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
        return errorsAfter > errorsBefore ? null : new VMessOutboundSettings(servers, new HeaderChoice(forceAead, experiment, authenticatedLength));
    }

    private VMessAccount? ReadAccount(SettingsReader user, bool forceAead, bool? experiment, bool authenticatedLength)
    {
        user.WarnUnknownKeys("id", "alterId", "security", "level", "email", "experiments");
        var idText = user.GetRequiredString("id");
        byte[]? id = null;
        if (idText is not null && !VMessId.TryParse(idText, out id))
        {
            user.Error("id", "must be a UUID such as \"b831381d-6324-4d53-ad4f-8cda48b30811\"");
            id = null;
        }

        var alterId = user.GetInt32("alterId", 0, 0, 65535);
        var level = (uint)user.GetInt64("level", 0, 0, uint.MaxValue);
        var suite = ResolveSuite(user, user.GetString("security") ?? "");
        var headerFormat = AeadExperiment.Choose(alterId, forceAead, experiment);
        if (!_authenticators.TryGetValue(headerFormat, out var authenticator))
        {
            var why = experiment is null ? $"alterId {alterId}" : $"{AeadExperiment.Variable}={(experiment.Value ? "y" : "n")}";
            user.Error(alterId > 0 ? "alterId" : "id", headerFormat == "legacy"
                ? $"{why} needs the legacy header authenticator (plugin Auth.Legacy), which is not enabled; set alterId to 0 to use AEAD"
                : $"{why}: the AEAD header authenticator (plugin Auth.Aead) is not enabled");
            return null;
        }

        if (id is null || suite is null)
        {
            return null;
        }

        var options = suite.ClientOptions;
        if (authenticatedLength && !suite.IsInsecure)
        {
            options |= VMessRequestOptions.AuthenticatedLength;
        }

        return new VMessAccount(new VMessUser(id, user.GetString("email"), level, alterId), suite, authenticator.CreateClient(), options);
    }

    private IVMessCipherSuite? ResolveSuite(SettingsReader user, string security)
    {
        var name = security.Trim();
        if (!SecurityNames.KnownPlugins.ContainsKey(name) && !_suites.ContainsKey(name))
        {
            // V2Ray: "auto", an empty or an unrecognised name all mean auto.
            name = SecurityNames.Auto;
        }

        if (_suites.TryGetValue(name, out var suite))
        {
            return suite;
        }

        var plugin = SecurityNames.KnownPlugins[name];
        user.Error("security", $"security \"{name}\" needs the plugin {plugin}, which is not enabled");
        return null;
    }
}
