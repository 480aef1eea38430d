using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>
/// The server side of the legacy header for one inbound. Thread-safe. Users are found by looking the first
/// 16 bytes up in a table of expected auths, refreshed every 10 s on the inbound's clock.
/// </summary>
internal sealed partial class LegacyHeaderServer : VMessHeaderServerBase, IVMessIncompleteHeaderObserver
{
    private readonly ILogger logger;
    private readonly string tag;
    private readonly bool taintFuse;
    private readonly UserHashTable table;
    private readonly ITimer refreshTimer;

    public LegacyHeaderServer(VMessHeaderServerOptions options)
        : base(options?.TimeProvider ?? throw new ArgumentNullException(nameof(options)))
    {
        logger = options.Logger;
        tag = options.InboundTag;
        taintFuse = options.TaintFuse;
        table = new UserHashTable(Now);
        refreshTimer = Clock.CreateTimer(
            static state => ((LegacyHeaderServer)state!).Refresh(), this, LegacyFormat.RefreshInterval, LegacyFormat.RefreshInterval);
    }

    /// <summary>Entries in the hash table (for tests: (1 + alterId) × 241 per user).</summary>
    internal int TableSize => table.Count;

    private long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    public override void AddUser(VMessUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        table.Add(new LegacyUserRecord(user));
    }

    public override bool RemoveUser(ReadOnlySpan<byte> id) => id.Length == VMessId.Size && table.Remove(id);

    public override void Dispose()
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
