namespace VMessPlugins.Host.Configuration;

/// <summary>
/// The top-level <c>reload</c> object (ours, not V2Ray's): what a live reload does to connections that
/// the new config no longer covers. By default they finish on their own.
/// </summary>
/// <param name="DropRemovedUsers">End at once the open connections of users the reload removed.</param>
/// <param name="DropReplacedInbounds">End at once the open connections of inbounds the reload replaced or removed.</param>
internal sealed record ReloadSettings(bool DropRemovedUsers, bool DropReplacedInbounds)
{
    public static ReloadSettings Default { get; } = new(false, false);
}
