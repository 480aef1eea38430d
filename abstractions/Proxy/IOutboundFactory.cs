namespace VMessPlugins.Abstractions.Proxy;

/// <summary>Creates outbound handlers for one protocol. Register as a singleton <see cref="IOutboundFactory"/>.</summary>
public interface IOutboundFactory
{
    /// <summary>The protocol name in config (<c>"freedom"</c>), matched case-insensitively.</summary>
    string Protocol { get; }

    /// <summary>Validates the settings and creates the handler; reports problems and returns null on error.</summary>
    IOutboundHandler? Create(OutboundDefinition definition);
}
