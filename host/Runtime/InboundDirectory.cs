using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// The host's <see cref="IInboundDirectory"/>: the running inbounds by tag, republished by the server
/// whenever they change (start, reload). Plugins resolve it from their service provider.
/// </summary>
internal sealed class InboundDirectory : IInboundDirectory
{
    private IReadOnlyDictionary<string, InboundRunner> _byTag = new Dictionary<string, InboundRunner>();

    /// <summary>Replaces the set of running inbounds; the first of a tag wins (tags are unique after merging).</summary>
    public void Publish(IEnumerable<InboundRunner> runners)
    {
        var byTag = new Dictionary<string, InboundRunner>(StringComparer.Ordinal);
        foreach (var runner in runners)
        {
            if (runner.Plan.Tag.Length > 0)
            {
                byTag.TryAdd(runner.Plan.Tag, runner);
            }
        }

        Volatile.Write(ref _byTag, byTag);
    }

    public bool TryGetDetourTarget(string tag, out DetourTarget target)
    {
        if (Volatile.Read(ref _byTag).TryGetValue(tag, out var runner) && runner.TryPickPort(out var port, out var validFor))
        {
            target = new DetourTarget(runner.Plan.Handler, port, validFor);
            return true;
        }

        target = null!;
        return false;
    }
}
