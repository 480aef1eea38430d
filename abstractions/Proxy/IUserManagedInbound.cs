namespace VMessPlugins.Abstractions.Proxy;

/// <summary>
/// Optional, on an <see cref="IInboundHandler"/>: its users can be listed, added and removed while it runs
/// (the management API and live reload use it). Changes apply to the next connection; open connections
/// are left alone (the host ends them when asked to). Thread-safe.
/// </summary>
public interface IUserManagedInbound
{
    /// <summary>A snapshot of the users accepted now, in the order they were added.</summary>
    IReadOnlyList<UserInfo> Users { get; }

    /// <summary>
    /// Adds a user. <see cref="UserInfo.Email"/> is the key and must be unique within the inbound.
    /// </summary>
    /// <returns>Null when added; otherwise why not (for example "email a@b is already a user"), shown to the operator.</returns>
    string? TryAddUser(UserInfo user);

    /// <summary>Removes the user with this email (case-insensitive); false when there is none.</summary>
    bool RemoveUser(string email);
}
