namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>The validated settings of one vmess outbound.</summary>
internal sealed record VMessOutboundSettings(IReadOnlyList<VMessServer> Servers, HeaderChoice HeaderChoice);
