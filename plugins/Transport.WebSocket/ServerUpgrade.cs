using System.Net;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>The server side of the HTTP upgrade: answers requests until one upgrades or one is fatal.</summary>
internal static class ServerUpgrade
{
    // A 404 keeps the connection (as Go's server does), but a client cannot probe forever on one socket.
    private const int MaxRequestsPerConnection = 16;

    public static async ValueTask<UpgradeOutcome> RunAsync(IConnection connection, WebSocketSettings settings, CancellationToken cancellationToken)
    {
        var stream = connection.Stream;
        using var heads = new HttpHeadBuffer();
        for (var attempt = 0; attempt < MaxRequestsPerConnection; attempt++)
        {
            string? text;
            try
            {
                text = await heads.ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpHeadTooLargeException ex)
            {
                await SendAsync(stream, HttpResponses.HeadersTooLarge, cancellationToken).ConfigureAwait(false);
                return new(null, ex.Message);
            }

            if (text is null)
            {
                return new(null, attempt == 0 ? "closed before sending a request" : "closed after a 404");
            }

            var request = HttpHead.Parse(text);
            switch (UpgradeRequestRules.Decide(request, settings.Path))
            {
                case UpgradeDecision.Upgrade:
                    await SendAsync(stream, HttpResponses.SwitchingProtocols(WebSocketAccept.For(request!.Get("Sec-WebSocket-Key")!)), cancellationToken).ConfigureAwait(false);
                    var leftover = heads.TakeLeftover();
                    var wsStream = leftover.Length == 0 ? stream : new PrefixedStream(leftover, stream);
                    var remote = ForwardedFor(request) ?? connection.RemoteEndPoint;
                    return new(new WebSocketConnection(connection, wsStream, isServer: true, settings.KeepAliveInterval, remote), null);
                case UpgradeDecision.NotFound:
                    await SendAsync(stream, HttpResponses.NotFound, cancellationToken).ConfigureAwait(false);
                    if (HasBody(request!) || request!.HasToken("Connection", "close"))
                    {
                        return new(null, $"404 for path {Printable(request!.Second)}");
                    }

                    continue;
                case UpgradeDecision.MethodNotAllowed:
                    await SendAsync(stream, HttpResponses.MethodNotAllowed, cancellationToken).ConfigureAwait(false);
                    return new(null, $"405 for method {Printable(request!.First)}");
                default:
                    await SendAsync(stream, HttpResponses.BadRequest, cancellationToken).ConfigureAwait(false);
                    return new(null, request is null ? "400: not an HTTP request" : "400: not a valid WebSocket upgrade");
            }
        }

        return new(null, $"more than {MaxRequestsPerConnection} requests without an upgrade");
    }

    private static async ValueTask SendAsync(Stream stream, byte[] response, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool HasBody(HttpHead request) =>
        request.Get("Transfer-Encoding") is not null || (request.Get("Content-Length") is { } length && length != "0");

    // The first address a reverse proxy reports is the real client (as V2Ray does for logs and routing).
    private static IPEndPoint? ForwardedFor(HttpHead request)
    {
        var header = request.Get("X-Forwarded-For");
        if (header is null)
        {
            return null;
        }

        var first = header.Split(',', 2)[0].Trim();
        return IPAddress.TryParse(first, out var ip) ? new IPEndPoint(ip, 0) : null;
    }

    private static string Printable(string text) =>
        text.Length > 64 || text.Any(char.IsControl) ? "(not printable or too long)" : text;
}
