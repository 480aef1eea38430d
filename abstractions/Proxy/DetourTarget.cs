namespace VMessPlugins.Abstractions.Proxy;

/// <summary>Where a detoured client should go: an inbound's handler and one of its ports.</summary>
/// <param name="Handler">The target inbound's handler (a plugin may cast it to its own type).</param>
/// <param name="Port">A port the target accepts on now.</param>
/// <param name="ValidFor">How long that port stays open (until the next refresh of a dynamic-port inbound).</param>
public sealed record DetourTarget(IInboundHandler Handler, ushort Port, TimeSpan ValidFor);
