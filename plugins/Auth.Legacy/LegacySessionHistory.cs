using System.Buffers.Binary;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>Refuses a second session with the same (user id, body key, body IV) within 3 minutes. Thread-safe.</summary>
internal sealed class LegacySessionHistory(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly Dictionary<(UInt128 Id, UInt128 Key, UInt128 Iv), DateTimeOffset> expiries = [];
    private readonly List<(UInt128, UInt128, UInt128)> expired = [];
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    /// <summary>Records the session; false when it repeats a live one.</summary>
    public bool TryAdd(ReadOnlySpan<byte> id, ReadOnlySpan<byte> bodyKey, ReadOnlySpan<byte> bodyIv)
    {
        var key = (BinaryPrimitives.ReadUInt128BigEndian(id), BinaryPrimitives.ReadUInt128BigEndian(bodyKey),
            BinaryPrimitives.ReadUInt128BigEndian(bodyIv));
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (now >= nextCleanup)
            {
                RemoveExpired(now);
                nextCleanup = now + CleanupInterval;
            }

            if (expiries.TryGetValue(key, out var expiry) && expiry > now)
            {
                return false;
            }

            expiries[key] = now + Lifetime;
            return true;
        }
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, expiry) in expiries)
        {
            if (expiry <= now)
            {
                expired.Add(key);
            }
        }

        foreach (var key in expired)
        {
            expiries.Remove(key);
        }

        expired.Clear();
    }
}
