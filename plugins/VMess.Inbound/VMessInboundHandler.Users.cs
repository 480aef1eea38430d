using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Plugins.VMess.Inbound;

// Users while running: the management API adds and removes them, a reload re-applies settings.clients, and a
// detour source asks this inbound (as its target) for a detoured client's account. Every change takes a lock,
// updates the header servers and publishes a new snapshot; connections read the snapshot without locking.
// The header servers' replay filters and legacy hash tables are kept: only the changed ids are added or removed.
internal sealed partial class VMessInboundHandler : IUserManagedInbound, IReconfigurableInbound
{
    private readonly Lock _usersGate = new();
    private UserSnapshot _users = UserSnapshot.Empty;

    public IReadOnlyList<UserInfo> Users =>
        Volatile.Read(ref _users).Entries.Select(e => new UserInfo(e.User.IdText, e.User.Email, e.User.Level)).ToArray();

    public string? TryAddUser(UserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            return "an email is required: users of a vmess inbound are added and removed by email";
        }

        if (!VMessId.TryParse(user.Id, out var id))
        {
            return "the id is not a UUID (expected 32 hex digits such as b831381d-6324-4d53-ad4f-8cda48b30811)";
        }

        // AEAD only (alterId 0): V2Ray's API adds with whatever account it is given, but here an operator gives only
        // id, email and level, and alterId > 0 would silently enable the legacy MD5 header for this user.
        var account = new VMessUser(id, user.Email, user.Level, alterId: 0);
        lock (_usersGate)
        {
            var users = _users;
            if (users.ByEmail.ContainsKey(user.Email))
            {
                return $"email {user.Email} is already a user of inbound [{_tag}]";
            }

            if (users.FirstWithId(id) is { } holder)
            {
                return $"id {user.Id[..Math.Min(8, user.Id.Length)]}… is already the id of user {holder.User.LogLabel} of inbound [{_tag}]";
            }

            Publish([.. users.Entries, new RegisteredUser(account, UserOrigin.Runtime)], [account.Id]);
        }

        return null;
    }

    public bool RemoveUser(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Length == 0)
        {
            return false;
        }

        lock (_usersGate)
        {
            var users = _users;
            if (!users.ByEmail.TryGetValue(email, out var entry))
            {
                return false;
            }

            Publish(users.Entries.Where(e => !ReferenceEquals(e, entry)).ToArray(), [entry.User.Id]);
            return true;
        }
    }

    public bool TryReconfigure(InboundDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        // The host validated these settings already (by creating a handler from them): read them again quietly.
        var quiet = new SettingsReader(definition.Settings.Section, definition.Settings.File, new ConfigDiagnostics());
        var next = VMessInboundSettingsReader.Read(quiet, _legacyAvailable);
        if (next is null || !_settings.SameExceptClients(next))
        {
            return false;
        }

        lock (_usersGate)
        {
            ApplyClients(next.Clients);
            _settings = next;
        }

        return true;
    }

    /// <summary>
    /// V2Ray's GetUser for a detour target: the user with this email (case-insensitive), else a new account
    /// (random UUID, this inbound's default level and alterId) that stays a user of this inbound from now on.
    /// </summary>
    internal VMessUser GetOrCreateDetourUser(string? email)
    {
        var key = email ?? "";
        if (Volatile.Read(ref _users).ByEmail.TryGetValue(key, out var known))
        {
            return known.User;
        }

        lock (_usersGate)
        {
            var users = _users;
            if (users.ByEmail.TryGetValue(key, out known))
            {
                return known.User;
            }

            var defaults = _settings.EffectiveDefaults;
            var id = Guid.NewGuid().ToByteArray(bigEndian: true);
            var account = new VMessUser(id, key.Length == 0 ? null : key.ToLowerInvariant(), defaults.Level, defaults.AlterId);
            Publish([.. users.Entries, new RegisteredUser(account, UserOrigin.Detour)], [account.Id]);
            return account;
        }
    }

    // Called once, from the constructor: the configured clients, added in file order (a repeated id: the last wins).
    private void LoadClients(IReadOnlyList<VMessUser> clients)
    {
        lock (_usersGate)
        {
            Publish(clients.Select(c => new RegisteredUser(c, UserOrigin.Config)).ToArray(), clients.Select(c => c.Id));
        }
    }

    // A reload: configured users that are unchanged stay; gone or changed ones leave; new or changed ones come in.
    // Runtime and detour users stay unless a new client takes their email or id (the file wins).
    private void ApplyClients(IReadOnlyList<VMessUser> clients)
    {
        var users = _users;
        var unmatched = clients.ToList();
        var kept = new List<RegisteredUser>();
        var touched = new List<byte[]>();
        foreach (var entry in users.Entries.Where(e => e.Origin == UserOrigin.Config))
        {
            var index = unmatched.FindIndex(entry.SameAccount);
            if (index >= 0)
            {
                unmatched.RemoveAt(index);
                kept.Add(entry);
            }
            else
            {
                touched.Add(entry.User.Id);
            }
        }

        var next = new List<RegisteredUser>();
        foreach (var entry in users.Entries)
        {
            if (entry.Origin == UserOrigin.Config ? kept.Contains(entry) : !TakenBy(entry, unmatched))
            {
                next.Add(entry);
            }
            else if (entry.Origin != UserOrigin.Config)
            {
                touched.Add(entry.User.Id);
            }
        }

        foreach (var added in unmatched)
        {
            next.Add(new RegisteredUser(added, UserOrigin.Config));
            touched.Add(added.Id);
        }

        Publish(next, touched);
    }

    private static bool TakenBy(RegisteredUser entry, List<VMessUser> incoming) =>
        incoming.Any(c => c.Id.AsSpan().SequenceEqual(entry.User.Id)
                          || (!string.IsNullOrEmpty(c.Email) && string.Equals(c.Email, entry.User.Email, StringComparison.OrdinalIgnoreCase)));

    // Under _usersGate: publishes the list and brings each touched id in the header servers up to date with it.
    private void Publish(IReadOnlyList<RegisteredUser> entries, IEnumerable<byte[]> touchedIds)
    {
        var snapshot = new UserSnapshot(entries);
        foreach (var id in touchedIds.DistinctBy(Convert.ToHexString))
        {
            var holder = snapshot.LastWithId(id);
            foreach (var server in _servers)
            {
                if (holder is null)
                {
                    server.RemoveUser(id);
                }
                else
                {
                    server.AddUser(holder.User);
                }
            }
        }

        Volatile.Write(ref _users, snapshot);
    }
}
