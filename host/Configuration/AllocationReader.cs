using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Configuration;

/// <summary>
/// Reads <c>allocate: {strategy, refresh, concurrency}</c> as V2Ray 4.34 does: strategy "always" or
/// "random" (any case), refresh in minutes (default 5), concurrency (default 3) fewer than the ports.
/// </summary>
internal static class AllocationReader
{
    // Timers take at most about 49 days; a refresh beyond that is never what anyone meant.
    public const int MaxRefreshMinutes = 65535;

    /// <returns>The settings, or null after reporting an error.</returns>
    public static AllocationSettings? Read(SettingsReader entry, int portCount)
    {
        if (!entry.Has("allocate"))
        {
            return AllocationSettings.Always;
        }

        var allocate = entry.Child("allocate");
        if (allocate.Section.Value is not null)
        {
            entry.Error("allocate", "must be an object: { \"strategy\": \"random\", \"refresh\": 5, \"concurrency\": 3 }");
            return null;
        }

        allocate.WarnUnknownKeys("strategy", "refresh", "concurrency");
        var errors = CountErrors(allocate);
        var strategy = ReadStrategy(allocate);
        var refresh = allocate.GetInt32("refresh", AllocationSettings.DefaultRefreshMinutes, 1, MaxRefreshMinutes);
        var concurrency = allocate.GetInt32("concurrency", AllocationSettings.DefaultConcurrency, 1, ushort.MaxValue);
        if (CountErrors(allocate) > errors || strategy is null)
        {
            return null;
        }

        if (strategy == PortAllocation.Always)
        {
            foreach (var key in new[] { "refresh", "concurrency" }.Where(allocate.Has))
            {
                allocate.Warning(key, "only applies to strategy \"random\" and is ignored");
            }

            return AllocationSettings.Always;
        }

        if (refresh == 1)
        {
            // V2Ray documents 2 as the minimum but accepts 1; so do we, with a word.
            allocate.Warning("refresh", "is below the minimum of 2 minutes that V2Ray documents");
        }

        if (concurrency >= portCount)
        {
            var where = allocate.Has("concurrency") ? "concurrency" : null;
            var given = where is null ? $"{concurrency} (the default)" : concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
            allocate.Error(where, $"concurrency {given} must be less than the number of ports in \"port\" ({portCount}), as in V2Ray: give a wider port range");
            return null;
        }

        return new AllocationSettings(PortAllocation.Random, TimeSpan.FromMinutes(refresh), concurrency);
    }

    private static PortAllocation? ReadStrategy(SettingsReader allocate)
    {
        var text = allocate.GetRequiredString("strategy");
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "always":
                return PortAllocation.Always;
            case "random":
                return PortAllocation.Random;
            case "external":
                allocate.Error("strategy", "\"external\" is not supported (V2Ray 4.34 cannot start it either); use \"always\" or \"random\"");
                return null;
            default:
                allocate.Error("strategy", $"must be \"always\" or \"random\", not \"{text}\"");
                return null;
        }
    }

    private static int CountErrors(SettingsReader reader) =>
        reader.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
}
