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

    public VMessOutboundHandler(string tag, IReadOnlyList<VMessServer> servers, ITransportDialer dialer, ILogger logger)
    {
        _tag = tag;
        _servers = servers;
        _dialer = dialer;
        _logger = logger;
    }

    public async ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken)
    {
        if (_mux is { } mux)
        {
            return await mux.ConnectAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        var server = _servers[(int)((uint)Interlocked.Increment(ref _nextServer) % (uint)_servers.Count)];
        var account = server.Accounts[server.Accounts.Count == 1 ? 0 : RandomNumberGenerator.GetInt32(server.Accounts.Count)];
        OutboundLog.Connecting(_logger, _tag, destination.ToString(), server.Endpoint.ToString(), account.User.LogLabel, account.Suite.Name, account.HeaderClient.GetType().Name);

        var connection = await _dialer.DialAsync(server.Endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = CreateBody(connection, account, destination, VMessCommand.Tcp);
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
        var server = _servers[(int)((uint)Interlocked.Increment(ref _nextServer) % (uint)_servers.Count)];
        var account = server.Accounts[server.Accounts.Count == 1 ? 0 : RandomNumberGenerator.GetInt32(server.Accounts.Count)];
        var connection = await _dialer.DialAsync(server.Endpoint, cancellationToken).ConfigureAwait(false);
        try
        {
            return CreateBody(connection, account, destination with { Network = Network.Udp }, VMessCommand.Udp);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private VMessBodyConnection CreateBody(IConnection connection, VMessAccount account, Destination destination, VMessCommand command)
    {
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
            var source = new ClientResponseSource(connection.Stream, account.HeaderClient, request, suite, framing, _logger);
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
