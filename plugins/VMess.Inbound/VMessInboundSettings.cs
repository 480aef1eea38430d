using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>The validated settings of one vmess inbound.</summary>
/// <param name="TaintFuse">Legacy headers: burn an auth hash seen in a replayed or failed connection (V2Ray always does).</param>
internal sealed record VMessInboundSettings(IReadOnlyList<VMessUser> Clients, bool DisableInsecureEncryption, bool TaintFuse = true);
