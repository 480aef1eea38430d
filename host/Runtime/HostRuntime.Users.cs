using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Management;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// The users API: list, add and remove users of running inbounds that manage users (IUserManagedInbound).
/// Changes live in the running handler only: a restart, or a reload that replaces the inbound, starts
/// from the users of the config (a reload that keeps the handler leaves it to the handler).
/// </summary>
internal sealed partial class HostRuntime
{
    public async Task<ControlResult<IReadOnlyList<InboundUsers>>> ListUsersAsync(string? tag, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (tag is not null)
            {
                var found = FindManaged(tag, out var managed);
                return found.Status != ControlStatus.Ok
                    ? ControlResult<IReadOnlyList<InboundUsers>>.Fail(found.Status, found.Error!)
                    : ControlResult<IReadOnlyList<InboundUsers>>.Ok([Describe(found.Value!, managed!)]);
            }

            return ControlResult<IReadOnlyList<InboundUsers>>.Ok([.. _server.Runners
                .Where(r => r.Plan.Handler is IUserManagedInbound)
                .Select(r => Describe(r, (IUserManagedInbound)r.Plan.Handler))]);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ControlResult<UserInfo>> AddUserAsync(string tag, string email, string? id, uint level, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return ControlResult<UserInfo>.Fail(ControlStatus.Invalid, "email is required: it names the user in logs, stats and removal");
        }

        if (id is not null && !Guid.TryParse(id, out _))
        {
            return ControlResult<UserInfo>.Fail(ControlStatus.Invalid, $"id must be a UUID (such as {Guid.Empty}), not \"{Shorten(id)}\"");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var found = FindManaged(tag, out var managed);
            if (found.Status != ControlStatus.Ok)
            {
                return ControlResult<UserInfo>.Fail(found.Status, found.Error!);
            }

            var user = new UserInfo(id?.ToLowerInvariant() ?? Guid.NewGuid().ToString(), email, level);
            if (managed!.TryAddUser(user) is { } refused)
            {
                return ControlResult<UserInfo>.Fail(ControlStatus.Conflict, refused);
            }

            LogUserAdded(user.LogLabel, tag);
            return ControlResult<UserInfo>.Ok(user);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ControlResult<int>> RemoveUserAsync(string tag, string email, bool endConnections, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var found = FindManaged(tag, out var managed);
            if (found.Status != ControlStatus.Ok)
            {
                return ControlResult<int>.Fail(found.Status, found.Error!);
            }

            var removed = managed!.Users.Where(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)).ToList();
            if (!managed.RemoveUser(email))
            {
                return ControlResult<int>.Fail(ControlStatus.NotFound, $"inbound \"{tag}\" has no user with email \"{email}\"");
            }

            var runner = found.Value!;
            var ended = endConnections
                ? _server.EndConnections(c => c.Runner == runner && removed.Any(u => UserDiff.IsSessionOf(c.Session.User, u)))
                : 0;
            LogUserRemoved(email, tag, ended);
            return ControlResult<int>.Ok(ended);
        }
        finally
        {
            _gate.Release();
        }
    }

    private ControlResult<InboundRunner> FindManaged(string tag, out IUserManagedInbound? managed)
    {
        managed = null;
        var runner = _server.Runners.FirstOrDefault(r => r.Plan.Tag == tag);
        if (runner is null)
        {
            var tags = string.Join(", ", _server.Runners.Where(r => r.Plan.Tag.Length > 0).Select(r => $"\"{r.Plan.Tag}\""));
            return ControlResult<InboundRunner>.Fail(ControlStatus.NotFound, $"no running inbound has the tag \"{tag}\" (tags: {(tags.Length > 0 ? tags : "none")})");
        }

        managed = runner.Plan.Handler as IUserManagedInbound;
        return managed is null
            ? ControlResult<InboundRunner>.Fail(ControlStatus.Conflict, $"inbound \"{tag}\" ({runner.Plan.Definition.Protocol}) does not manage users")
            : ControlResult<InboundRunner>.Ok(runner);
    }

    private static InboundUsers Describe(InboundRunner runner, IUserManagedInbound managed) =>
        new(runner.Plan.Tag, runner.Plan.Definition.Protocol, managed.Users);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "management API: user {User} added to inbound {Inbound}")]
    private partial void LogUserAdded(string user, string inbound);

    [LoggerMessage(EventId = 411, Level = LogLevel.Warning, Message = "management API: user {Email} removed from inbound {Inbound} ({Ended} connection(s) ended)")]
    private partial void LogUserRemoved(string email, string inbound, int ended);
}
