using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>The validated settings of one vmess inbound.</summary>
/// <param name="Clients">The configured users, in file order.</param>
/// <param name="DisableInsecureEncryption">Refuse the legacy (CFB) and none securities.</param>
/// <param name="TaintFuse">Legacy headers: burn an auth hash seen in a replayed or failed connection (V2Ray always does).</param>
/// <param name="Defaults">What a detoured client's account gets when this inbound is a detour target.</param>
/// <param name="DetourTo">The tag of the inbound authenticated clients are sent to (switch-account), or null.</param>
internal sealed record VMessInboundSettings(
    IReadOnlyList<VMessUser> Clients,
    bool DisableInsecureEncryption,
    bool TaintFuse = true,
    DetourDefaults? Defaults = null,
    string? DetourTo = null)
{
    /// <summary>The detour-account defaults, V2Ray 4.34's when the file has no <c>default</c>.</summary>
    public DetourDefaults EffectiveDefaults => Defaults ?? DetourDefaults.WithoutDefaultKey;

    /// <summary>True when everything but the clients is the same (what can change without a new handler).</summary>
    public bool SameExceptClients(VMessInboundSettings other) =>
        DisableInsecureEncryption == other.DisableInsecureEncryption
        && TaintFuse == other.TaintFuse
        && EffectiveDefaults == other.EffectiveDefaults
        && string.Equals(DetourTo, other.DetourTo, StringComparison.Ordinal);
}
