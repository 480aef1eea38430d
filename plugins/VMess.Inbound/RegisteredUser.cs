using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>One user of an inbound and where it came from.</summary>
internal sealed record RegisteredUser(VMessUser User, UserOrigin Origin)
{
    /// <summary>Same id, email, level and alterId (what the header servers and the logs see).</summary>
    public bool SameAccount(VMessUser other) =>
        User.Id.AsSpan().SequenceEqual(other.Id)
        && string.Equals(User.Email, other.Email, StringComparison.Ordinal)
        && User.Level == other.Level
        && User.AlterId == other.AlterId;
}
