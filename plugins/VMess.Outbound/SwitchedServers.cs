namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>
/// The newest switched entry per configured server (vnext index). V2Ray appends every switch to its server list
/// and round-robins over all of it, configured entries included; here a configured server is replaced by its
/// newest valid switch, so every connection follows the server's last word until that expires. Thread-safe.
/// </summary>
internal sealed class SwitchedServers(int count)
{
    private readonly SwitchedServer?[] _entries = new SwitchedServer?[count];

    public void Set(int slot, SwitchedServer entry) => Volatile.Write(ref _entries[slot], entry);

    /// <summary>The valid entry for <paramref name="slot"/>; an expired one is dropped.</summary>
    public bool TryGet(int slot, DateTimeOffset now, out SwitchedServer entry)
    {
        var current = Volatile.Read(ref _entries[slot]);
        if (current is not null && current.ValidUntil > now)
        {
            entry = current;
            return true;
        }

        if (current is not null)
        {
            Interlocked.CompareExchange(ref _entries[slot], null, current);
        }

        entry = null!;
        return false;
    }

    /// <summary>Drops <paramref name="entry"/> unless a newer one replaced it meanwhile.</summary>
    public void Forget(int slot, SwitchedServer entry) => Interlocked.CompareExchange(ref _entries[slot], null, entry);
}
