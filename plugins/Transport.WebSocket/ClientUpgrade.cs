using System.Text;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>The client side of the HTTP upgrade.</summary>
internal static class ClientUpgrade
{
    public static byte[] CreateRequest(WebSocketSettings settings, Destination destination, bool secure, out string key)
    {
        key = WebSocketAccept.NewKey();
        var text = new StringBuilder(256)
            .Append("GET ").Append(settings.Path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(settings.HostHeader ?? DefaultHost(destination, secure)).Append("\r\n")
            .Append("Connection: Upgrade\r\nUpgrade: websocket\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n");
        foreach (var header in settings.Headers)
        {
            text.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>Sends the request and checks the 101 answer; returns bytes the server sent after it.</summary>
    public static async ValueTask<byte[]> RunAsync(Stream stream, byte[] request, string key, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        using var heads = new HttpHeadBuffer();
        var text = await heads.ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false)
            ?? throw new ProxyException("the server closed the connection instead of answering the WebSocket upgrade");
        var response = HttpHead.Parse(text);
        if (response is null || !response.First.StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new ProxyException("the server's answer to the WebSocket upgrade is not HTTP");
        }

        if (response.Second != "101")
        {
            throw new ProxyException($"the server refused the WebSocket upgrade: {response.Second} {response.Third}");
        }

        if (!response.HasToken("Upgrade", "websocket") || !response.HasToken("Connection", "upgrade"))
        {
            throw new ProxyException("the server's 101 answer lacks Upgrade: websocket or Connection: upgrade");
        }

        if (response.Get("Sec-WebSocket-Accept") != WebSocketAccept.For(key))
        {
            throw new ProxyException("the server's Sec-WebSocket-Accept does not match the key sent");
        }

        return heads.TakeLeftover();
    }

    private static string DefaultHost(Destination destination, bool secure)
    {
        var host = destination.Address.Kind == AddressKind.IPv6 ? $"[{destination.Address}]" : destination.Address.ToString();
        var defaultPort = secure ? 443 : 80;
        return destination.Port == defaultPort ? host : $"{host}:{destination.Port}";
    }
}
