namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>The validated <c>wsSettings</c>.</summary>
internal sealed record WebSocketSettings
{
    /// <summary>The path with a leading "/": sent as is by a client (query included), matched decoded by a server.</summary>
    public required string Path { get; init; }

    /// <summary>Client: the Host header; null means address[:port].</summary>
    public string? HostHeader { get; init; }

    /// <summary>Client: the other request headers, in config order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>Ping interval that also keeps idle connections alive through reverse proxies.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);
}
