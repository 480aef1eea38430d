using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>What the server keeps per user: the main ID's cmdKey and every ID that may sign the auth.</summary>
internal sealed class LegacyUserRecord
{
    public LegacyUserRecord(VMessUser user)
    {
        User = user;
        CmdKey = VMessId.CmdKey(user.Id);
        var alters = LegacyIds.AlterIds(user.Id, user.AlterId);
        Ids = new byte[alters.Length + 1][];
        Ids[0] = user.Id;
        alters.CopyTo(Ids, 1);
    }

    public VMessUser User { get; }

    public byte[] CmdKey { get; }

    /// <summary>The main ID first, then the alter IDs in chain order.</summary>
    public byte[][] Ids { get; }
}
