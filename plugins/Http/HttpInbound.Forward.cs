using System.Text;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Http;

internal sealed partial class HttpInbound
{
    // Hop-by-hop fields this proxy consumes; "Connection: close" replaces the client's own choice because
    // the relayed stream is bound to one upstream, so a kept-alive request to another host must not reuse it.
    private static readonly string[] s_droppedHeaders = ["Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate"];

    private async ValueTask ForwardAsync(
        IConnection client, HttpRequestHead head, ReadOnlyMemory<byte> leftover, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (!TryFindForwardTarget(head, out var destination, out var originForm))
        {
            var reason = head.Target.StartsWith('/') ? "a request without an absolute URI (allowTransparent is false)" : $"unsupported request target \"{head.Target}\"";
            await RejectAsync(client.Stream, HttpResponses.BadRequest, reason, cancellationToken).ConfigureAwait(false);
            return;
        }

        var upstream = await ConnectUpstreamAsync(client.Stream, head, destination, session, dispatcher, cancellationToken).ConfigureAwait(false);
        await using (upstream.ConfigureAwait(false))
        {
            await SendToUpstreamAsync(upstream, RewriteHead(head, originForm, destination), cancellationToken).ConfigureAwait(false);
            await SendToUpstreamAsync(upstream, leftover, cancellationToken).ConfigureAwait(false);
            await dispatcher.RelayAsync(client, upstream, session, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryFindForwardTarget(HttpRequestHead head, out Destination destination, out string originForm)
    {
        if (HttpAuthority.TryParseAbsoluteHttp(head.Target, out destination, out originForm))
        {
            return true;
        }

        originForm = head.Target;
        return settings.AllowTransparent && head.Target.StartsWith('/') && head["Host"] is { } host
            && HttpAuthority.TryParse(host, 80, out destination);
    }

    private static byte[] RewriteHead(HttpRequestHead head, string originForm, Destination destination)
    {
        var builder = new StringBuilder(512);
        builder.Append(head.Method).Append(' ').Append(originForm).Append(' ').Append(head.Version).Append("\r\n");
        var hasHost = false;
        foreach (var (name, value) in head.Headers)
        {
            if (Array.Exists(s_droppedHeaders, d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            hasHost |= string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase);
            builder.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!hasHost)
        {
            var host = destination.Address.Kind == AddressKind.IPv6 ? $"[{destination.Address}]" : destination.Address.ToString();
            builder.Append("Host: ").Append(host).Append(destination.Port == 80 ? string.Empty : $":{destination.Port}").Append("\r\n");
        }

        builder.Append("Connection: close\r\n\r\n");
        return Encoding.Latin1.GetBytes(builder.ToString());
    }
}
