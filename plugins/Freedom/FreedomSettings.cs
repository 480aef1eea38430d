using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Plugins.Freedom;

/// <summary>The validated <c>settings</c> of a freedom outbound.</summary>
internal sealed record FreedomSettings
{
    public DomainStrategy DomainStrategy { get; init; }

    /// <summary>The redirect host, or null to keep each destination's address.</summary>
    public Address? RedirectAddress { get; init; }

    /// <summary>The redirect port, or 0 to keep each destination's port.</summary>
    public ushort RedirectPort { get; init; }

    public uint UserLevel { get; init; }

    /// <summary>Applies <c>redirect</c> to <paramref name="destination"/>.</summary>
    public Destination Redirect(Destination destination) => destination with
    {
        Address = RedirectAddress ?? destination.Address,
        Port = RedirectPort != 0 ? RedirectPort : destination.Port,
    };
}
