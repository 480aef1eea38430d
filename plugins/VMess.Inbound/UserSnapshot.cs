using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>
/// An immutable view of an inbound's users: the list in the order they were added and an index by email
/// (case-insensitive, first wins, as V2Ray's usersByEmail). Users without an email are not indexed, except the one
/// detour account created for clients without an email, indexed under "".
/// </summary>
internal sealed class UserSnapshot
{
    public UserSnapshot(IReadOnlyList<RegisteredUser> entries)
    {
        Entries = entries;
        var byEmail = new Dictionary<string, RegisteredUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var key = entry.User.Email;
            if (string.IsNullOrEmpty(key))
            {
                if (entry.Origin != UserOrigin.Detour)
                {
                    continue;
                }

                key = "";
            }

            byEmail.TryAdd(key, entry);
        }

        ByEmail = byEmail;
    }

    public static UserSnapshot Empty { get; } = new([]);

    public IReadOnlyList<RegisteredUser> Entries { get; }

    public IReadOnlyDictionary<string, RegisteredUser> ByEmail { get; }

    /// <summary>The last entry with this id: the one the header servers hold (adding an id again replaces it).</summary>
    public RegisteredUser? LastWithId(ReadOnlySpan<byte> id)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].User.Id.AsSpan().SequenceEqual(id))
            {
                return Entries[i];
            }
        }

        return null;
    }

    public RegisteredUser? FirstWithId(ReadOnlySpan<byte> id)
    {
        foreach (var entry in Entries)
        {
            if (entry.User.Id.AsSpan().SequenceEqual(id))
            {
                return entry;
            }
        }

        return null;
    }
}
