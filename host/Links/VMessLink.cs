namespace VMessPlugins.Host.Links;

/// <summary>What a vmess:// share link carries (v2rayN's version 2 fields), already validated.</summary>
internal sealed record VMessLink
{
    public required string Name { get; init; }

    public required string Address { get; init; }

    public required int Port { get; init; }

    public required string Id { get; init; }

    public int AlterId { get; init; }

    /// <summary>The user's <c>security</c>: auto, aes-128-gcm, chacha20-poly1305, none or zero.</summary>
    public string Security { get; init; } = "auto";

    /// <summary>tcp or ws.</summary>
    public string Network { get; init; } = "tcp";

    /// <summary>The WebSocket Host header ("" for none).</summary>
    public string Host { get; init; } = "";

    /// <summary>The WebSocket path ("" for the default).</summary>
    public string Path { get; init; } = "";

    public bool Tls { get; init; }

    /// <summary>The TLS server name ("" for the address).</summary>
    public string ServerName { get; init; } = "";
}
