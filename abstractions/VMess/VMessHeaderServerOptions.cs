using Microsoft.Extensions.Logging;

namespace VMessPlugins.Abstractions.VMess;

/// <summary>What an inbound gives its header servers.</summary>
public sealed class VMessHeaderServerOptions
{
    /// <summary>The clock for time windows and replay memory (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where to log (never whole ids or keys).</summary>
    public required ILogger Logger { get; init; }

    /// <summary>The inbound's tag, for log lines.</summary>
    public string InboundTag { get; init; } = "";

    /// <summary>Legacy only: burn an auth hash seen in a replayed or failed connection (V2Ray's taint fuse).</summary>
    public bool TaintFuse { get; init; } = true;
}
