using Microsoft.Extensions.Configuration;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>
/// Reads V2Ray's outbound <c>mux: {enabled, concurrency}</c>: absent or disabled means no mux; concurrency 0 or
/// absent means 8; a negative one means no mux; above 1024 is an error (4.34 refuses to start).
/// </summary>
internal static class MuxSettingsReader
{
    public const int DefaultConcurrency = 8;
    public const int MaxConcurrency = 1024;

    /// <returns>The concurrency when mux is on, null when it is off; <paramref name="valid"/> is false after an error.</returns>
    public static int? Read(SettingsReader mux, out bool valid)
    {
        valid = true;
        if (!mux.Section.Exists())
        {
            return null;
        }

        mux.WarnUnknownKeys("enabled", "concurrency");
        var enabled = mux.GetBool("enabled", false);
        var concurrency = mux.GetInt32("concurrency", 0, short.MinValue, short.MaxValue);
        if (concurrency > MaxConcurrency)
        {
            mux.Error("concurrency", $"invalid mux concurrency {concurrency}: at most {MaxConcurrency}");
            valid = false;
            return null;
        }

        if (!enabled || concurrency < 0)
        {
            return null;
        }

        return concurrency == 0 ? DefaultConcurrency : concurrency;
    }
}
