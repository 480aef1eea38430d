namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>
/// The account a detour target creates for a detoured client (V2Ray's <c>default</c>: level and alterId).
/// </summary>
internal sealed record DetourDefaults(uint Level, int AlterId)
{
    /// <summary>
    /// Without a <c>default</c> key: level 0, alterId 0. Older V2Ray sources show alterId 32 here, but the 4.34 binary
    /// we interoperate with sends alterIds 0 for a target without <c>default</c> (seen on the wire).
    /// </summary>
    public static DetourDefaults WithoutDefaultKey { get; } = new(0, 0);
}
