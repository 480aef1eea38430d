using System.Collections.Frozen;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>
/// Turns a switch-account command into an account as V2Ray's client does: security aes-128-cfb (legacy), the
/// command's id, alterIds and level; the header follows the outbound's usual rule (<see cref="AeadExperiment"/>).
/// </summary>
internal sealed class SwitchAccountFactory(
    FrozenDictionary<string, IVMessCipherSuite> suites,
    FrozenDictionary<string, IVMessHeaderAuthenticator> authenticators,
    HeaderChoice choice)
{
    public const string LegacySecurity = "aes-128-cfb";

    /// <returns>The account, or null with <paramref name="missingPlugin"/> naming the plugin it would need.</returns>
    public VMessAccount? TryCreate(SwitchAccountCommand command, out string? missingPlugin)
    {
        if (!suites.TryGetValue(LegacySecurity, out var suite))
        {
            missingPlugin = SecurityNames.KnownPlugins[LegacySecurity];
            return null;
        }

        var format = AeadExperiment.Choose(command.AlterIds, choice.ForceAead, choice.Experiment);
        if (!authenticators.TryGetValue(format, out var authenticator))
        {
            missingPlugin = format == "legacy" ? "Auth.Legacy" : "Auth.Aead";
            return null;
        }

        var options = suite.ClientOptions;
        if (choice.AuthenticatedLength && !suite.IsInsecure)
        {
            options |= VMessRequestOptions.AuthenticatedLength;
        }

        missingPlugin = null;
        var user = new VMessUser(command.Id, null, command.Level, command.AlterIds);
        return new VMessAccount(user, suite, authenticator.CreateClient(), options);
    }
}
