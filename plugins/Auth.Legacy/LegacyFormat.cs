namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>Constants of the legacy header: auth(16) || AES-128-CFB(plaintext header).</summary>
internal static class LegacyFormat
{
    public const string Name = "legacy";
    public const int AuthSize = 16;
    public const int MaxPadding = 15;

    /// <summary>The server's table holds every second within this many seconds of its clock.</summary>
    public const long WindowSeconds = 120;

    /// <summary>How often the table is extended and trimmed.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>The client's timestamp jitter: now + [-30, +29].</summary>
    public const int JitterLow = -30;
    public const int JitterHighExclusive = 30;
}
