using System.Text;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>The fixed answers of the upgrade endpoint, shaped like V2Ray 4.34's (TRANSPORTS.md 3.3).</summary>
internal static class HttpResponses
{
    public static readonly byte[] NotFound = Encoding.ASCII.GetBytes(
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

    public static readonly byte[] BadRequest = Error("400 Bad Request", "Bad Request\n");

    public static readonly byte[] MethodNotAllowed = Error("405 Method Not Allowed", "Method Not Allowed\n");

    public static readonly byte[] HeadersTooLarge = Encoding.ASCII.GetBytes(
        "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n431 Request Header Fields Too Large");

    public static byte[] SwitchingProtocols(string accept) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");

    private static byte[] Error(string status, string body) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nSec-Websocket-Version: 13\r\n"
        + $"X-Content-Type-Options: nosniff\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
}
