using System.Collections.Concurrent;
using System.Buffers.Binary;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>
/// The expected auths of every user and ID for every second in [now-120, now+120] (PROTOCOL.md §13.1):
/// (1 + alterId) × 241 entries per user. Lookups are lock-free; changes (users, refresh) take a lock.
/// </summary>
internal sealed class UserHashTable
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<UInt128, LegacyHashEntry> entries = new();
    private readonly Dictionary<UInt128, LegacyUserRecord> users = [];
    private long windowStart;
    private long windowEnd;

    public UserHashTable(long now)
    {
        windowStart = now - LegacyFormat.WindowSeconds;
        windowEnd = now + LegacyFormat.WindowSeconds;
    }

    public int Count => entries.Count;

    public LegacyHashEntry? Find(ReadOnlySpan<byte> auth) =>
        entries.TryGetValue(BinaryPrimitives.ReadUInt128BigEndian(auth), out var entry) ? entry : null;

    public void Add(LegacyUserRecord record)
    {
        var key = BinaryPrimitives.ReadUInt128BigEndian(record.User.Id);
        lock (gate)
        {
            if (users.Remove(key, out var previous))
            {
                RemoveEntries(previous, windowStart, windowEnd);
            }

            users[key] = record;
            AddEntries(record, windowStart, windowEnd);
        }
    }

    public bool Remove(ReadOnlySpan<byte> id)
    {
        var key = BinaryPrimitives.ReadUInt128BigEndian(id);
        lock (gate)
        {
            if (!users.Remove(key, out var removed))
            {
                return false;
            }

            RemoveEntries(removed, windowStart, windowEnd);
            return true;
        }
    }

    /// <summary>Extends the window to now+120 and drops the seconds before now-120.</summary>
    public void Refresh(long now)
    {
        lock (gate)
        {
            var newStart = now - LegacyFormat.WindowSeconds;
            var newEnd = now + LegacyFormat.WindowSeconds;
            foreach (var record in users.Values)
            {
                AddEntries(record, Math.Max(windowEnd + 1, newStart), newEnd);
                RemoveEntries(record, windowStart, Math.Min(newStart - 1, windowEnd));
            }

            windowStart = Math.Max(windowStart, newStart);
            windowEnd = Math.Max(windowEnd, newEnd);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            users.Clear();
            entries.Clear();
        }
    }

    private void AddEntries(LegacyUserRecord record, long from, long to)
    {
        for (var index = 0; index < record.Ids.Length; index++)
        {
            for (var second = from; second <= to; second++)
            {
                entries[LegacyIds.AuthKey(record.Ids[index], second)] = new LegacyHashEntry(record, index, second);
            }
        }
    }

    private void RemoveEntries(LegacyUserRecord record, long from, long to)
    {
        for (var index = 0; index < record.Ids.Length; index++)
        {
            for (var second = from; second <= to; second++)
            {
                var key = LegacyIds.AuthKey(record.Ids[index], second);
                // Only this user's entry: another user's could (astronomically rarely) share the hash.
                if (entries.TryGetValue(key, out var entry) && entry.User == record)
                {
                    entries.TryRemove(new KeyValuePair<UInt128, LegacyHashEntry>(key, entry));
                }
            }
        }
    }
}
