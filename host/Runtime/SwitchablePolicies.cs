using VMessPlugins.Abstractions.Policy;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// The <see cref="IPolicyProvider"/> plugins get: it answers from the policy levels of the config in
/// force, so a reload that changes <c>policy</c> reaches plugins created before it.
/// </summary>
internal sealed class SwitchablePolicies(IPolicyProvider current) : IPolicyProvider
{
    private IPolicyProvider _current = current;

    public IPolicyProvider Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public ConnectionPolicy GetPolicy(uint level) => Current.GetPolicy(level);
}
