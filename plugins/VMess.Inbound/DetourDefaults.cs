namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>
/// The account a detour target creates for a detoured client (V2Ray's <c>default</c>: level and alterId).
/// </summary>
internal sealed record DetourDefaults(uint Level, int AlterId)
{
    /// <summary>
    /// V2Ray 4.34 without a <c>default</c> key: level 0, alterId 32 (proxy/vmess/inbound/config.go). With the key,
    /// a missing alterId is 0.
    /// </summary>
    public static DetourDefaults WithoutDefaultKey { get; } = new(0, 32);
}
