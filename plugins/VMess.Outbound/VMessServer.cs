using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>One vnext entry.</summary>
internal sealed record VMessServer(Destination Endpoint, IReadOnlyList<VMessAccount> Accounts);
