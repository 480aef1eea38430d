using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>
/// Opens a VMess connection per stream. The request header leaves together with the first data; if the
/// client has nothing to say within <see cref="EarlyDataWait"/>, the header goes alone (as v2ray does).
/// </summary>
internal sealed partial class VMessOutboundHandler : IOutboundHandler
{
    private static readonly TimeSpan EarlyDataWait = TimeSpan.FromMilliseconds(100);

    private readonly string _tag;
    private readonly IReadOnlyList<VMessServer> _servers;
    private readonly ITransportDialer _dialer;
    private readonly ILogger _logger;
    private int _nextServer;

    public VMessOutboundHandler(
        string tag, IReadOnlyList<VMessServer> servers, ITransportDialer dialer, ILogger logger, SwitchAccountFactory? switchAccounts = null,
        TimeProvider? timeProvider = null)
    {
        _tag = tag;
        _servers = servers;
        _dialer = dialer;
        _logger = logger;
        _switchAccounts = switchAccounts;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _switched = new SwitchedServers(servers.Count);
    }

    public async ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        if (_mux is { } mux)
        {
            return await mux.ConnectAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        var (connection, route) = await DialAsync(destination, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = CreateBody(connection, route, destination, VMessCommand.Tcp);
            _ = SendHeaderIfIdleAsync(body.Writer);
            return body;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_mux?.OpenPacket() ?? new VMessPacketConnection(OpenUdpAsync, _logger));

    // One VMess connection (UDP command) per datagram destination.
    private async ValueTask<VMessBodyConnection> OpenUdpAsync(Destination destination, CancellationToken cancellationToken)
    {
        var target = destination with { Network = Network.Udp };
        var (connection, route) = await DialAsync(target, cancellationToken).ConfigureAwait(false);
        try
        {
            return CreateBody(connection, route, target, VMessCommand.Udp);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private VMessBodyConnection CreateBody(IConnection connection, OutboundRoute route, Destination destination, VMessCommand command)
    {
        var account = route.Account;
        var suite = account.Suite;
        var request = new VMessRequest
        {
            Options = account.Options,
            Security = suite.SecurityType,
            Command = command,
            Destination = destination,
            User = account.User,
            PaddingLength = RandomNumberGenerator.GetInt32(16),
        };
        RandomNumberGenerator.Fill(request.BodyKey);
        RandomNumberGenerator.Fill(request.BodyIV);
        request.ResponseAuth = (byte)RandomNumberGenerator.GetInt32(256);

        var framing = BodyFraming.Create(suite, request.Options, command);
        var headerBuffer = ArrayPool<byte>.Shared.Rent(account.HeaderClient.GetMaxRequestLength(request));
        try
        {
            var headerLength = account.HeaderClient.WriteRequest(request, headerBuffer);
            var key = request.BodyKey;
            var iv = request.BodyIV;
            var writer = new VMessBodyWriter(
                connection.Stream,
                framing,
                framing.Mode == BodyFramingMode.SealedChunks ? suite.CreateSealer(key, iv) : null,
                suite.CreateStreamTransform(key, iv, encrypt: true),
                key,
                iv,
                headerBuffer.AsSpan(0, headerLength),
                _logger,
                "request",
                framing.PacketMode ? ushort.MaxValue : VMessBodyWriter.DefaultChunkSize,
                suite);
            var source = new ClientResponseSource(
                connection.Stream, account.HeaderClient, request, suite, framing, _logger, response => OnResponse(route, response));
            return new VMessBodyConnection(connection, source, writer);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(headerBuffer);
            ArrayPool<byte>.Shared.Return(headerBuffer);
        }
    }

    private async Task SendHeaderIfIdleAsync(VMessBodyWriter writer)
    {
        try
        {
            await Task.Delay(EarlyDataWait, CancellationToken.None).ConfigureAwait(false);
            await writer.FlushPrefixAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException
                                              or InvalidOperationException or ProxyException)
        {
            OutboundLog.EarlyHeaderFailed(_logger, _tag, exception.Message);
        }
    }
}
