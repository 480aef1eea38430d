using System.Security.Cryptography;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>The random inputs of one legacy request header (a seam so tests can replay the vectors' values).</summary>
/// <param name="Timestamp">The client's clock plus a jitter in [-30, +29] seconds.</param>
/// <param name="AlterIndex">Which alter ID signs the auth; -1 for the main ID (only when there are no alter IDs).</param>
/// <param name="Padding">The header padding (0-15 bytes).</param>
internal sealed record LegacyRequestRandomness(long Timestamp, int AlterIndex, byte[] Padding)
{
    public static LegacyRequestRandomness Draw(TimeProvider clock, int alterIdCount)
    {
        var padding = new byte[RandomNumberGenerator.GetInt32(LegacyFormat.MaxPadding + 1)];
        RandomNumberGenerator.Fill(padding);
        var jitter = RandomNumberGenerator.GetInt32(LegacyFormat.JitterLow, LegacyFormat.JitterHighExclusive);
        return new LegacyRequestRandomness(
            clock.GetUtcNow().ToUnixTimeSeconds() + jitter,
            alterIdCount > 0 ? RandomNumberGenerator.GetInt32(alterIdCount) : -1,
            padding);
    }
}
