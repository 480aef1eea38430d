namespace VMessPlugins.Host.Management;

/// <summary>
/// How one reload treats connections it leaves behind; null takes the config's <c>reload</c> object
/// (whose defaults are false: such connections finish on their own).
/// </summary>
internal sealed record ReloadRequest(bool? DropRemovedUsers = null, bool? DropReplacedInbounds = null)
{
    public static ReloadRequest FromConfig { get; } = new();
}
