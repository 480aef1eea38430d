using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>The validated settings of one vmess inbound.</summary>
internal sealed record VMessInboundSettings(IReadOnlyList<VMessUser> Clients, bool DisableInsecureEncryption);
