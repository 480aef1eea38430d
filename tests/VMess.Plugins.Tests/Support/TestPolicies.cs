using VMessPlugins.Abstractions.Policy;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>One policy for every level, with a short handshake deadline for drain tests.</summary>
internal sealed class TestPolicies(TimeSpan handshake) : IPolicyProvider
{
    public ConnectionPolicy GetPolicy(uint level) => ConnectionPolicy.Default with { Handshake = handshake };
}
