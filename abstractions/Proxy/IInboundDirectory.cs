namespace VMessPlugins.Abstractions.Proxy;

/// <summary>
/// A host service (inject it): the inbounds running now, for protocols that send clients elsewhere, as
/// VMess does with <c>detour</c>. Thread-safe; the answer follows reloads and port refreshes.
/// </summary>
public interface IInboundDirectory
{
    /// <summary>
    /// Finds the running inbound tagged <paramref name="tag"/> and picks one of the ports it accepts on
    /// now (at random when it has several); false when no such inbound runs.
    /// </summary>
    bool TryGetDetourTarget(string tag, out DetourTarget target);
}
