using System.Buffers;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Plugins.VMess.Inbound;

internal sealed partial class VMessInboundHandler
{
    private async ValueTask ServeAsync(
        IConnection client, SessionContext session, IDispatcher dispatcher, HandshakeOutcome outcome,
        VMessRequest request, HandshakeBuffer buffer, CancellationToken cancellationToken)
    {
        var user = request.User ?? throw new ProxyException("the header format accepted a request without a user");
        var label = user.LogLabel;
        // Security 0 is legacy on the wire, for backward compatibility.
        var wireSecurity = request.Security == 0 ? (byte)1 : request.Security;
        if (!_suites.TryGetValue(wireSecurity, out var suite))
        {
            throw new ProxyException($"vmess inbound [{_tag}]: user {label} asked for unknown or disabled security type {request.Security}");
        }

        if (_settings.DisableInsecureEncryption && suite.IsInsecure)
        {
            throw new ProxyException($"vmess inbound [{_tag}]: user {label} asked for security \"{suite.Name}\", refused by disableInsecureEncryption");
        }

        var framing = BodyFraming.Create(suite, request.Options, request.Command);
        session.User = new UserInfo(user.IdText, user.Email, user.Level);
        session.Target = request.Destination;
        InboundLog.Accepted(_logger, _tag, label, session.Source?.ToString(), request.Destination.ToString(), suite.Name, (byte)request.Options);

        await using var body = CreateBody(client, outcome.Server!, request, CreateResponse(user), suite, framing, buffer, outcome.Result.BytesConsumed);
        if (request.Command == VMessCommand.Udp)
        {
            await RelayPacketsAsync(body, session, dispatcher, request.Destination, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (request.Command == VMessCommand.Mux)
        {
            await ServeMuxAsync(body, session, dispatcher, cancellationToken).ConfigureAwait(false);
            return;
        }

        var upstream = await dispatcher.ConnectAsync(request.Destination, session, cancellationToken).ConfigureAwait(false);
        await using (upstream.ConfigureAwait(false))
        {
            await dispatcher.RelayAsync(body, upstream, session, cancellationToken).ConfigureAwait(false);
        }
    }

    private VMessBodyConnection CreateBody(
        IConnection client, IVMessHeaderServer server, VMessRequest request, VMessResponse response, IVMessCipherSuite suite, BodyFraming framing,
        HandshakeBuffer buffer, int requestHeaderLength)
    {
        var headerBuffer = ArrayPool<byte>.Shared.Rent(server.GetResponseLength(response));
        try
        {
            var headerLength = server.WriteResponse(request, response, headerBuffer);
            var responseKey = request.ResponseBodyKey;
            var responseIv = request.ResponseBodyIV;
            var sealedChunks = framing.Mode == BodyFramingMode.SealedChunks;
            var writer = new VMessBodyWriter(
                client.Stream,
                framing,
                sealedChunks ? suite.CreateSealer(responseKey, responseIv) : null,
                request.ResponseStreamContinuation ?? suite.CreateStreamTransform(responseKey, responseIv, encrypt: true),
                responseKey,
                responseIv,
                headerBuffer.AsSpan(0, headerLength),
                _logger,
                "response",
                framing.PacketMode ? ushort.MaxValue : VMessBodyWriter.DefaultChunkSize,
                suite);
            var reader = new VMessBodyReader(
                client.Stream,
                framing,
                sealedChunks ? suite.CreateOpener(request.BodyKey, request.BodyIV) : null,
                suite.CreateStreamTransform(request.BodyKey, request.BodyIV, encrypt: false),
                request.BodyKey,
                request.BodyIV,
                buffer.Bytes.AsSpan(requestHeaderLength, buffer.Fill - requestHeaderLength),
                _logger,
                "request",
                suite);
            return new VMessBodyConnection(client, reader, writer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(headerBuffer, clearArray: true);
        }
    }
}
