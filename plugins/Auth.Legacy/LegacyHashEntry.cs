namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>One expected auth: which user and ID made it, for which second, and its taint fuse.</summary>
internal sealed class LegacyHashEntry(LegacyUserRecord user, int idIndex, long timestamp)
{
    private int burnt;

    public LegacyUserRecord User { get; } = user;

    /// <summary>0 for the main ID, i + 1 for alter ID i.</summary>
    public int IdIndex { get; } = idIndex;

    public long Timestamp { get; } = timestamp;

    public bool IsTainted => Volatile.Read(ref burnt) != 0;

    /// <summary>Burns the fuse: every later connection with this exact auth is refused (ErrTainted).</summary>
    public void Burn() => Volatile.Write(ref burnt, 1);
}
