namespace VMessPlugins.Plugins.Http;

/// <summary>The fixed answers the proxy gives, as bytes.</summary>
internal static class HttpResponses
{
    public static ReadOnlyMemory<byte> ConnectionEstablished { get; } = "HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray();

    public static ReadOnlyMemory<byte> BadRequest { get; } =
        "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8.ToArray();

    // V2Ray's exact bytes.
    public static ReadOnlyMemory<byte> ProxyAuthenticationRequired { get; } =
        "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n\r\n"u8.ToArray();

    public static ReadOnlyMemory<byte> HeaderTooLarge { get; } =
        "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8.ToArray();

    public static ReadOnlyMemory<byte> BadGateway { get; } =
        "HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8.ToArray();
}
