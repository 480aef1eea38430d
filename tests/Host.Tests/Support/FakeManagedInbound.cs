using System.Text;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>
/// An inbound that manages users and takes new settings live, as the vmess inbound does: a client sends
/// its email and a newline; a known user gets "ok\n" and the connection stays open until cancelled,
/// anyone else gets "no\n". Settings: <c>{ "clients": [ { "email": ..., "id": ... } ] }</c>.
/// </summary>
internal sealed class FakeManagedInbound : IInboundHandler, IReconfigurableInbound, IUserManagedInbound, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private List<UserInfo> _users;

    public FakeManagedInbound(InboundDefinition definition) => _users = Read(definition);

    /// <summary>False makes <see cref="TryReconfigure"/> decline, as a handler that cannot change live.</summary>
    public bool AcceptsReconfigure { get; set; } = true;

    public int Reconfigurations { get; private set; }

    public bool Disposed { get; private set; }

    /// <summary>Sessions that ended because their token was cancelled.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    private int _cancelled;

    public IReadOnlyList<UserInfo> Users
    {
        get
        {
            lock (_gate)
            {
                return [.. _users];
            }
        }
    }

    public bool TryReconfigure(InboundDefinition definition)
    {
        if (!AcceptsReconfigure)
        {
            return false;
        }

        var users = Read(definition);
        lock (_gate)
        {
            _users = users;
        }

        Reconfigurations++;
        return true;
    }

    public string? TryAddUser(UserInfo user)
    {
        lock (_gate)
        {
            if (_users.Any(u => string.Equals(u.Email, user.Email, StringComparison.OrdinalIgnoreCase)))
            {
                return $"email {user.Email} is already a user";
            }

            _users.Add(user);
            return null;
        }
    }

    public bool RemoveUser(string email)
    {
        lock (_gate)
        {
            return _users.RemoveAll(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)) > 0;
        }
    }

    public async ValueTask HandleAsync(IConnection client, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var email = await ReadLineAsync(client.Stream, cancellationToken);
        var user = Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        await client.Stream.WriteAsync(Encoding.ASCII.GetBytes(user is null ? "no\n" : "ok\n"), cancellationToken);
        if (user is null)
        {
            return;
        }

        session.User = user;
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private static List<UserInfo> Read(InboundDefinition definition) =>
        [.. definition.Settings.Children("clients").Select(c => new UserInfo(c.GetString("id") ?? "", c.GetString("email"), 0))];

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString();
    }
}
