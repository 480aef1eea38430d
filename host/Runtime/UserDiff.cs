using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Runtime;

/// <summary>Compares user lists and matches sessions to users: by email (case-insensitive), else by id.</summary>
internal static class UserDiff
{
    public static IReadOnlyList<UserInfo> Snapshot(object handler) =>
        handler is IUserManagedInbound managed ? [.. managed.Users] : [];

    /// <summary>The users of <paramref name="before"/> that are not in <paramref name="after"/> (an id change counts).</summary>
    public static IReadOnlyList<UserInfo> Missing(IReadOnlyList<UserInfo> before, IReadOnlyList<UserInfo> after) =>
        [.. before.Where(b => !after.Any(a => SameUser(a, b)))];

    public static bool SameUser(UserInfo a, UserInfo b) =>
        string.Equals(a.Email ?? "", b.Email ?? "", StringComparison.OrdinalIgnoreCase) && string.Equals(a.Id, b.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a session's user is <paramref name="user"/>.</summary>
    public static bool IsSessionOf(UserInfo? sessionUser, UserInfo user) =>
        sessionUser is not null && (!string.IsNullOrEmpty(user.Email)
            ? string.Equals(sessionUser.Email, user.Email, StringComparison.OrdinalIgnoreCase)
            : string.Equals(sessionUser.Id, user.Id, StringComparison.OrdinalIgnoreCase));
}
