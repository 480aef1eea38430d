namespace VMessPlugins.Abstractions.Proxy;

/// <summary>Creates inbound handlers for one protocol. Register as a singleton <see cref="IInboundFactory"/>.</summary>
public interface IInboundFactory
{
    /// <summary>The protocol name in config (<c>"socks"</c>), matched case-insensitively.</summary>
    string Protocol { get; }

    /// <summary>
    /// Validates <see cref="InboundDefinition.Settings"/> and creates the handler. Reports every problem to
    /// the settings' diagnostics and returns null if any was an error.
    /// </summary>
    IInboundHandler? Create(InboundDefinition definition);
}
