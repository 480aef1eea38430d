using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>
/// The server side of the legacy header for one inbound. Thread-safe. Users are found by looking the first
/// 16 bytes up in a table of expected auths, refreshed every 10 s on the inbound's clock.
/// </summary>
internal sealed partial class LegacyHeaderServer : IVMessHeaderServer, IVMessIncompleteHeaderObserver
{
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly string tag;
    private readonly bool taintFuse;
    private readonly UserHashTable table;
    private readonly LegacySessionHistory sessions;
    private readonly ITimer refreshTimer;

    public LegacyHeaderServer(VMessHeaderServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock = options.TimeProvider;
        logger = options.Logger;
        tag = options.InboundTag;
        taintFuse = options.TaintFuse;
        table = new UserHashTable(Now);
        sessions = new LegacySessionHistory(clock);
        refreshTimer = clock.CreateTimer(
            static state => ((LegacyHeaderServer)state!).Refresh(), this, LegacyFormat.RefreshInterval, LegacyFormat.RefreshInterval);
    }

    /// <summary>Entries in the hash table (for tests: (1 + alterId) × 241 per user).</summary>
    internal int TableSize => table.Count;

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    public void AddUser(VMessUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        table.Add(new LegacyUserRecord(user));
    }

    public bool RemoveUser(ReadOnlySpan<byte> id) => id.Length == LegacyIds.IdSize && table.Remove(id);

    public void Dispose()
    {
        refreshTimer.Dispose();
        table.Clear();
    }

    private void Refresh() => table.Refresh(Now);

    private void Burn(LegacyHashEntry entry, string reason)
    {
        if (!taintFuse)
        {
            return;
        }

        entry.Burn();
        LegacyLog.FuseBurnt(logger, tag, entry.User.User.LogLabel, entry.Timestamp, reason);
    }
}
