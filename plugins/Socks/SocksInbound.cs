using System.Buffers;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

/// <summary>
/// Serves SOCKS5 (and SOCKS4/4a without auth): negotiates, reads the request within the handshake
/// timeout, then hands CONNECT to the dispatcher or runs a UDP association.
/// </summary>
internal sealed partial class SocksInbound(string tag, SocksSettings settings, IPolicyProvider? policies, ILogger<SocksInbound> logger) : IInboundHandler
{
    // Big enough for the largest handshake message: RFC 1929's 1 + 1 + 255 + 1 + 255 bytes.
    private const int HandshakeBufferSize = 520;

    public async ValueTask HandleAsync(IConnection client, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        session.DefaultLevel = settings.UserLevel;
        var buffer = ArrayPool<byte>.Shared.Rent(HandshakeBufferSize);
        SocksRequest request;
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            handshake.CancelAfter(Policy(session).Handshake);
            request = await ReadHandshakeAsync(client.Stream, buffer, session, handshake.Token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        session.Target = request.Destination;
        LogRequest(logger, session.Id, tag, request.Command.ToString(), session.User?.LogLabel ?? "-", request.Destination);
        if (request.Command == SocksCommand.UdpAssociate)
        {
            await RunUdpAssociationAsync(client, session, dispatcher, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ConnectAndRelayAsync(client, request, session, dispatcher, cancellationToken).ConfigureAwait(false);
        }
    }

    private ConnectionPolicy Policy(SessionContext session) => policies?.GetPolicy(session.Level) ?? ConnectionPolicy.Default;

    private async ValueTask<SocksRequest> ReadHandshakeAsync(
        Stream stream, byte[] buffer, SessionContext session, CancellationToken handshakeToken, CancellationToken outerToken)
    {
        try
        {
            if (await stream.ReadAsync(buffer.AsMemory(0, 1), handshakeToken).ConfigureAwait(false) == 0)
            {
                throw new ProxyException("the client closed the connection without sending a request");
            }

            return buffer[0] switch
            {
                0x05 => await ReadSocks5Async(stream, buffer, session, handshakeToken).ConfigureAwait(false),
                0x04 => await ReadSocks4Async(stream, buffer, handshakeToken).ConfigureAwait(false),
                _ => throw new ProxyException($"not a SOCKS request (first byte 0x{buffer[0]:x2})"),
            };
        }
        catch (OperationCanceledException) when (!outerToken.IsCancellationRequested)
        {
            throw new ProxyException("the SOCKS handshake timed out");
        }
        catch (IOException e)
        {
            throw new ProxyException($"the SOCKS handshake failed: {e.Message}", e);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "[{SessionId}] socks {Tag} {Command} from user {User} to {Destination}")]
    private static partial void LogRequest(ILogger logger, long sessionId, string tag, string command, string user, Destination destination);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "[{SessionId}] socks {Tag} rejected user \"{User}\": wrong user name or password")]
    private static partial void LogAuthFailed(ILogger logger, long sessionId, string tag, string user);
}
