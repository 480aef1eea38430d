using System.Buffers.Binary;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>
/// Remembers accepted AuthIDs in three generations of 120 s each, so every AuthID stays known for 240 to 360 s:
/// longer than the 240 s an AuthID can stay inside the ±120 s window. Exact (no false positives). Thread-safe.
/// </summary>
internal sealed class AuthIdReplayFilter(TimeProvider clock)
{
    private static readonly TimeSpan GenerationLength = TimeSpan.FromSeconds(120);

    private readonly Lock gate = new();
    private readonly HashSet<UInt128>[] generations = [[], [], []];
    private long currentStart = clock.GetTimestamp();
    private int current;

    public bool Contains(ReadOnlySpan<byte> authId)
    {
        var key = BinaryPrimitives.ReadUInt128BigEndian(authId);
        lock (gate)
        {
            Rotate();
            return generations.Any(generation => generation.Contains(key));
        }
    }

    /// <summary>Adds an AuthID; false when it was already known (a replay).</summary>
    public bool TryAdd(ReadOnlySpan<byte> authId)
    {
        var key = BinaryPrimitives.ReadUInt128BigEndian(authId);
        lock (gate)
        {
            Rotate();
            if (generations.Any(generation => generation.Contains(key)))
            {
                return false;
            }

            generations[current].Add(key);
            return true;
        }
    }

    private void Rotate()
    {
        for (var steps = 0; clock.GetElapsedTime(currentStart) >= GenerationLength; steps++)
        {
            current = (current + 1) % generations.Length;
            generations[current].Clear();
            currentStart = steps < generations.Length
                ? currentStart + (long)(GenerationLength.TotalSeconds * clock.TimestampFrequency)
                : clock.GetTimestamp();
        }
    }
}
