using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>Either the upgraded connection, or why the client was answered with an error.</summary>
internal readonly record struct UpgradeOutcome(IConnection? Connection, string? Refusal);
