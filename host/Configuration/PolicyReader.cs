using System.Globalization;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Host.Runtime;

namespace VMessPlugins.Host.Configuration;

/// <summary>Reads <c>policy.levels</c> the way V2Ray 4.34 does, defaults included.</summary>
internal static class PolicyReader
{
    /// <param name="policy">The merged <c>policy</c> object, or null when no file has one.</param>
    public static PolicyProvider Read(SettingsReader? policy)
    {
        if (policy is null)
        {
            // V2Ray's built-in manager without a policy key: level 1 idles out after 600 s.
            return new PolicyProvider(new Dictionary<uint, ConnectionPolicy>
            {
                [1] = ConnectionPolicy.Default with { ConnectionIdle = TimeSpan.FromSeconds(600) },
            });
        }

        policy.WarnUnknownKeys("levels");
        var levels = new Dictionary<uint, ConnectionPolicy>();
        var levelsReader = policy.Child("levels");
        foreach (var level in levelsReader.Section.GetChildren())
        {
            var reader = levelsReader.Child(level.Key);
            if (!uint.TryParse(level.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                reader.Error(null, "a level must be a non-negative integer");
                continue;
            }

            levels[number] = ReadLevel(reader);
        }

        return new PolicyProvider(levels);
    }

    private static ConnectionPolicy ReadLevel(SettingsReader level)
    {
        level.WarnUnknownKeys("handshake", "connIdle", "uplinkOnly", "downlinkOnly", "bufferSize");
        var defaults = ConnectionPolicy.Default;
        var bufferKiB = level.GetInt64("bufferSize", defaults.BufferSize / 1024, -1, int.MaxValue / 1024);
        return new ConnectionPolicy
        {
            Handshake = Seconds(level, "handshake", defaults.Handshake),
            ConnectionIdle = Seconds(level, "connIdle", defaults.ConnectionIdle),
            UplinkOnly = Seconds(level, "uplinkOnly", defaults.UplinkOnly),
            DownlinkOnly = Seconds(level, "downlinkOnly", defaults.DownlinkOnly),
            BufferSize = bufferKiB < 0 ? -1 : (int)bufferKiB * 1024,
        };
    }

    private static TimeSpan Seconds(SettingsReader level, string key, TimeSpan fallback) =>
        TimeSpan.FromSeconds(level.GetInt64(key, (long)fallback.TotalSeconds, 0, uint.MaxValue));
}
