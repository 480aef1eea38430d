using VMessPlugins.Abstractions.Policy;

namespace VMessPlugins.Host.Runtime;

/// <summary>The configured policy levels; unlisted levels get V2Ray's defaults.</summary>
internal sealed class PolicyProvider(IReadOnlyDictionary<uint, ConnectionPolicy> levels) : IPolicyProvider
{
    public ConnectionPolicy GetPolicy(uint level) => levels.GetValueOrDefault(level) ?? ConnectionPolicy.Default;
}
