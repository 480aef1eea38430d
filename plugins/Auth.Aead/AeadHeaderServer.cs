using System.Buffers.Binary;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>
/// The server side of the AEAD header for one inbound. Thread-safe. Finding the user tries every user's AuthID
/// key, so the cost per connection grows with the number of users (one AES block each); fine for tens of users.
/// </summary>
internal sealed partial class AeadHeaderServer : VMessHeaderServerBase
{
    private readonly AuthIdReplayFilter replayFilter;
    private readonly Lock usersGate = new();
    private readonly Dictionary<UInt128, AeadUserEntry> users = [];
    private volatile AeadUserEntry[] userSnapshot = [];

    public AeadHeaderServer(VMessHeaderServerOptions options)
        : base(options?.TimeProvider ?? throw new ArgumentNullException(nameof(options))) => replayFilter = new AuthIdReplayFilter(Clock);

    public override void AddUser(VMessUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entry = new AeadUserEntry(user);
        lock (usersGate)
        {
            var key = BinaryPrimitives.ReadUInt128BigEndian(user.Id);
            if (users.Remove(key, out var previous))
            {
                previous.Dispose();
            }

            users[key] = entry;
            userSnapshot = [.. users.Values];
        }
    }

    public override bool RemoveUser(ReadOnlySpan<byte> id)
    {
        if (id.Length != VMessId.Size)
        {
            return false;
        }

        lock (usersGate)
        {
            if (!users.Remove(BinaryPrimitives.ReadUInt128BigEndian(id), out var removed))
            {
                return false;
            }

            removed.Dispose();
            userSnapshot = [.. users.Values];
            return true;
        }
    }

    public override void Dispose()
    {
        lock (usersGate)
        {
            foreach (var entry in users.Values)
            {
                entry.Dispose();
            }

            users.Clear();
            userSnapshot = [];
        }
    }
}
