using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Plugins.Socks;

/// <summary>A decoded request: what the client wants, where, and which reply format it speaks.</summary>
internal readonly record struct SocksRequest(SocksCommand Command, Destination Destination, bool IsSocks4);
