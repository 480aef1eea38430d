using System.Buffers.Binary;

namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>
/// Refuses a second session with the same (user id, body key, body IV) within 3 minutes of the first, as v2ray's
/// session history does (PROTOCOL.md §13.4); expired entries are swept at most every 30 s. Thread-safe.
/// Each header format keeps its own (the inbound hands every format's server its own clock).
/// </summary>
public sealed class SessionHistory(TimeProvider clock)
{
    /// <summary>How long a session is remembered.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    /// <summary>How often, at most, expired sessions are swept (on the next add).</summary>
    public static readonly TimeSpan CleanupInterval = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly Dictionary<(UInt128 Id, UInt128 Key, UInt128 Iv), DateTimeOffset> expiries = [];
    private readonly List<(UInt128, UInt128, UInt128)> expired = [];
    private DateTimeOffset nextCleanup = DateTimeOffset.MinValue;

    /// <summary>Sessions remembered now, live or not yet swept (for tests).</summary>
    internal int Count
    {
        get
        {
            lock (gate)
            {
                return expiries.Count;
            }
        }
    }

    /// <summary>Records the session; false when it repeats a live one (which keeps its original expiry).</summary>
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
