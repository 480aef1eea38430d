using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>Where one connection goes: the configured server's index, the endpoint and account used, and the switched entry if any.</summary>
internal readonly record struct OutboundRoute(int Slot, Destination Endpoint, VMessAccount Account, SwitchedServer? Switched);
