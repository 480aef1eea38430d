using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>One configured user of a vnext server, with its resolved suite and header format.</summary>
internal sealed record VMessAccount(VMessUser User, IVMessCipherSuite Suite, IVMessHeaderClient HeaderClient, VMessRequestOptions Options);
