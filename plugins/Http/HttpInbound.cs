using System.Buffers;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Http;

/// <summary>
/// An HTTP proxy: reads one request head within the handshake timeout, checks Basic auth, then either
/// tunnels (CONNECT) or forwards the rewritten request and relays the rest of the stream.
/// </summary>
internal sealed partial class HttpInbound(string tag, HttpSettings settings, IPolicyProvider? policies, ILogger<HttpInbound> logger) : IInboundHandler
{
    internal const int MaxHeadLength = 16 * 1024;

    public async ValueTask HandleAsync(IConnection client, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        session.DefaultLevel = settings.UserLevel;
        var buffer = ArrayPool<byte>.Shared.Rent(MaxHeadLength);
        try
        {
            var (headLength, filled) = await ReadHeadAsync(client.Stream, buffer, session, cancellationToken).ConfigureAwait(false);
            var head = HttpHeadParser.Parse(buffer.AsSpan(0, headLength));
            if (head is null)
            {
                await RejectAsync(client.Stream, HttpResponses.BadRequest, "malformed HTTP request head", cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!await AuthorizeAsync(client.Stream, head, session, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var leftover = buffer.AsMemory(headLength, filled - headLength);
            if (head.IsConnect)
            {
                await TunnelAsync(client, head, leftover, session, dispatcher, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ForwardAsync(client, head, leftover, session, dispatcher, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ConnectionPolicy Policy(SessionContext session) => policies?.GetPolicy(session.Level) ?? ConnectionPolicy.Default;

    /// <summary>Reads until the blank line; returns the head's length and how many bytes were read in all.</summary>
    private async ValueTask<(int HeadLength, int Filled)> ReadHeadAsync(Stream stream, byte[] buffer, SessionContext session, CancellationToken cancellationToken)
    {
        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        handshake.CancelAfter(Policy(session).Handshake);
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled, MaxHeadLength - filled), handshake.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new ProxyException(filled == 0 ? "the client closed the connection without a request" : "the client closed the connection in the middle of the request head");
                }

                var searchFrom = Math.Max(0, filled - 3);
                filled += read;
                var end = HttpHeadParser.FindEndOfHead(buffer.AsSpan(searchFrom, filled - searchFrom));
                if (end >= 0)
                {
                    return (searchFrom + end, filled);
                }

                if (filled == MaxHeadLength)
                {
                    await RejectAsync(stream, HttpResponses.HeaderTooLarge, $"the request head is longer than {MaxHeadLength} bytes", cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProxyException("the HTTP request head did not arrive within the handshake timeout");
        }
        catch (IOException e)
        {
            throw new ProxyException($"reading the HTTP request failed: {e.Message}", e);
        }
    }

    /// <summary>Sends <paramref name="response"/> (best effort) and ends the connection with <paramref name="reason"/>.</summary>
    private static async ValueTask RejectAsync(Stream stream, ReadOnlyMemory<byte> response, string reason, CancellationToken cancellationToken)
    {
        await TryWriteAsync(stream, response, cancellationToken).ConfigureAwait(false);
        throw new ProxyException(reason);
    }

    private static async ValueTask TryWriteAsync(Stream stream, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client is gone already; the reason is what gets logged.
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "[{SessionId}] http {Tag} {Method} from user {User} to {Destination}")]
    private static partial void LogRequest(ILogger logger, long sessionId, string tag, string method, string user, Destination destination);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "[{SessionId}] http {Tag} rejected user \"{User}\": wrong user name or password")]
    private static partial void LogAuthFailed(ILogger logger, long sessionId, string tag, string user);
}
