using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.VMess.Inbound;

internal sealed partial class VMessInboundHandler
{
    // Reads until a header server accepts or refuses. Servers are tried in priority order on all bytes so
    // far; one that needs more bytes is asked again, with more, before any later server is consulted.
    private async ValueTask<HandshakeOutcome> ReadHeaderAsync(
        Stream stream, HandshakeBuffer buffer, VMessRequest request, CancellationToken token, CancellationToken deadline)
    {
        var serverIndex = 0;
        var needed = 1;
        var lastReason = "no header format recognised the request";
        // The server whose last answer was NeedMoreData: told when the connection ends before it has its bytes.
        IVMessHeaderServer? waiting = null;
        while (true)
        {
            while (buffer.Fill < needed)
            {
                if (needed > MaxHeaderBytes)
                {
                    return HandshakeOutcome.Refused(default, "the header claims more bytes than any VMess header has");
                }

                buffer.Grow(needed);
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer.Bytes.AsMemory(buffer.Fill), token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    NotifyIncomplete(waiting, buffer);
                    return HandshakeOutcome.Refused(default, "handshake timed out", ended: true);
                }
                catch (IOException exception)
                {
                    NotifyIncomplete(waiting, buffer);
                    return HandshakeOutcome.Refused(default, $"read failed during the handshake: {exception.Message}", ended: true);
                }

                if (read == 0)
                {
                    NotifyIncomplete(waiting, buffer);
                    return HandshakeOutcome.Refused(default,
                        buffer.Fill == 0 ? "closed before sending anything" : $"closed after {buffer.Fill} bytes, inside the header", ended: true);
                }

                buffer.Fill += read;
            }

            for (; serverIndex < _servers.Length; serverIndex++)
            {
                var result = _servers[serverIndex].ReadRequest(buffer.Bytes.AsSpan(0, buffer.Fill), request);
                waiting = result.Status == VMessHeaderStatus.NeedMoreData ? _servers[serverIndex] : null;
                switch (result.Status)
                {
                    case VMessHeaderStatus.Accepted:
                        return HandshakeOutcome.Success(_servers[serverIndex], result);
                    case VMessHeaderStatus.Rejected:
                        return HandshakeOutcome.Refused(result, result.Reason ?? "rejected");
                    case VMessHeaderStatus.NotMine:
                        lastReason = result.Reason ?? lastReason;
                        continue;
                    default:
                        needed = Math.Max(result.BytesNeeded, buffer.Fill + 1);
                        break;
                }

                break;
            }

            if (serverIndex == _servers.Length)
            {
                return HandshakeOutcome.Refused(default, lastReason);
            }
        }
    }

    // The connection ended (EOF, deadline, read error) while a header format was still waiting for bytes: a
    // format that had already matched a user may count that as a failed attempt (legacy burns the auth hash).
    // Nothing changes on the wire: the caller still refuses the way it refuses any unauthenticated input.
    private static void NotifyIncomplete(IVMessHeaderServer? waiting, HandshakeBuffer buffer)
    {
        if (waiting is IVMessIncompleteHeaderObserver observer)
        {
            observer.OnHeaderIncomplete(buffer.Bytes.AsSpan(0, buffer.Fill));
        }
    }

    private async ValueTask RefuseAsync(
        IConnection client, SessionContext session, HandshakeBuffer buffer, HandshakeOutcome outcome,
        CancellationToken handshakeToken, CancellationToken cancellationToken)
    {
        var peer = session.Source?.ToString();
        if (outcome.Result.Authenticated)
        {
            // The client proved its key: answer the way v2ray does, by closing, and say why.
            var label = outcome.Result.User?.LogLabel ?? "?";
            throw new ProxyException($"vmess inbound [{_tag}]: invalid request from user {label} at {peer}: {outcome.Reason}");
        }

        if (outcome.Result.User is { } user)
        {
            InboundLog.UserRefused(_logger, _tag, user.LogLabel, peer, outcome.Reason);
        }
        else
        {
            InboundLog.Draining(_logger, _tag, peer, outcome.Reason);
        }

        if (!outcome.Ended)
        {
            await DrainAsync(client.Stream, buffer, peer, handshakeToken).ConfigureAwait(false);
        }

        try
        {
            await client.CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The prober is gone already: nothing to tell it.
        }
    }

    // Reads and discards, whatever the volume, until the handshake deadline or the client's EOF: unlike
    // v2ray's fixed byte budget, the amount read before closing says nothing about the server.
    private async ValueTask DrainAsync(Stream stream, HandshakeBuffer buffer, string? peer, CancellationToken token)
    {
        long total = buffer.Fill;
        var how = "deadline";
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer.Bytes, token).ConfigureAwait(false);
                if (read == 0)
                {
                    how = "client closed";
                    break;
                }

                total += read;
            }
        }
        catch (OperationCanceledException)
        {
            how = "deadline";
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            how = "read failed";
        }

        InboundLog.DrainEnded(_logger, _tag, peer, total, how);
    }
}
