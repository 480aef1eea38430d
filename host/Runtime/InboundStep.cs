using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Runtime;

/// <summary>One inbound's part in a reload: the running runner (if any), the new plan (if any), and what happens.</summary>
internal sealed class InboundStep(InboundRunner? old, InboundPlan? next, InboundChange change)
{
    public InboundRunner? Old { get; } = old;

    public InboundPlan? Next { get; } = next;

    public InboundChange Change { get; set; } = change;

    /// <summary>The runner serving this inbound after the reload.</summary>
    public InboundRunner? Result { get; set; }

    /// <summary>Users of the old handler that the new settings dropped.</summary>
    public IReadOnlyList<UserInfo> RemovedUsers { get; set; } = [];

    /// <summary>Users the new settings added.</summary>
    public IReadOnlyList<UserInfo> AddedUsers { get; set; } = [];
}
