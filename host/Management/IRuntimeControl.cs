using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Management;

/// <summary>What the management API may ask of the running host besides its counters.</summary>
internal interface IRuntimeControl
{
    /// <summary>Re-reads config and plugins.json and applies them (see <c>HostRuntime.Reload.cs</c>).</summary>
    Task<ReloadOutcome> ReloadAsync(ReloadRequest request, CancellationToken cancellationToken);

    /// <summary>The users of the inbound tagged <paramref name="tag"/>, or of every inbound that manages users.</summary>
    Task<ControlResult<IReadOnlyList<InboundUsers>>> ListUsersAsync(string? tag, CancellationToken cancellationToken);

    /// <summary>Adds a user to a running inbound; <paramref name="id"/> null means a new random UUID.</summary>
    Task<ControlResult<UserInfo>> AddUserAsync(string tag, string email, string? id, uint level, CancellationToken cancellationToken);

    /// <summary>Removes a user; with <paramref name="endConnections"/> its open connections end at once.</summary>
    Task<ControlResult<int>> RemoveUserAsync(string tag, string email, bool endConnections, CancellationToken cancellationToken);
}
