using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Http;

internal sealed partial class HttpInbound
{
    private async ValueTask TunnelAsync(
        IConnection client, HttpRequestHead head, ReadOnlyMemory<byte> leftover, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (!HttpAuthority.TryParse(head.Target, 0, out var destination))
        {
            await RejectAsync(client.Stream, HttpResponses.BadRequest, $"bad CONNECT target \"{head.Target}\"", cancellationToken).ConfigureAwait(false);
            return;
        }

        var upstream = await ConnectUpstreamAsync(client.Stream, head, destination, session, dispatcher, cancellationToken).ConfigureAwait(false);
        await using (upstream.ConfigureAwait(false))
        {
            await WriteToClientAsync(client.Stream, HttpResponses.ConnectionEstablished, cancellationToken).ConfigureAwait(false);
            await SendToUpstreamAsync(upstream, leftover, cancellationToken).ConfigureAwait(false);
            await dispatcher.RelayAsync(client, upstream, session, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Connects through the dispatcher; on failure answers 502 and rethrows.</summary>
    private async ValueTask<IConnection> ConnectUpstreamAsync(
        Stream client, HttpRequestHead head, Destination destination, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        session.Target = destination;
        LogRequest(logger, session.Id, tag, head.Method, session.User?.LogLabel ?? "-", destination);
        try
        {
            return await dispatcher.ConnectAsync(destination, session, cancellationToken).ConfigureAwait(false);
        }
        catch (ProxyException)
        {
            await TryWriteAsync(client, HttpResponses.BadGateway, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask WriteToClientAsync(Stream client, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await client.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await client.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ProxyException("the client closed the connection before the proxy's answer", e);
        }
    }

    private static async ValueTask SendToUpstreamAsync(IConnection upstream, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        try
        {
            await upstream.Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await upstream.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ProxyException("the upstream closed the connection before the request was sent", e);
        }
    }
}
