using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>How reading a request header ended: accepted by a server, or refused with a reason.</summary>
internal readonly record struct HandshakeOutcome(IVMessHeaderServer? Server, VMessHeaderReadResult Result, string Reason, bool Ended)
{
    public bool Accepted => Server is not null;

    public static HandshakeOutcome Success(IVMessHeaderServer server, VMessHeaderReadResult result) => new(server, result, "", false);

    public static HandshakeOutcome Refused(VMessHeaderReadResult result, string reason, bool ended = false) => new(null, result, reason, ended);
}
