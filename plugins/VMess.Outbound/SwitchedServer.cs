using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>A server entry learnt from a switch-account command: where, as whom, and until when.</summary>
internal sealed record SwitchedServer(Destination Endpoint, VMessAccount Account, DateTimeOffset ValidUntil);
