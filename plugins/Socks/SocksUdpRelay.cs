using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

/// <summary>
/// One UDP association: datagrams from the client (SOCKS UDP header, FRAG 0) go out through one packet
/// connection opened at the first datagram; answers come back wrapped with their source. It ends when
/// the TCP control connection ends or nothing moved for the idle timeout.
/// </summary>
internal sealed partial class SocksUdpRelay(
    Socket udp, IPAddress? clientIp, SessionContext session, IDispatcher dispatcher, TimeSpan idle, ILogger logger)
{
    // RSV(2) FRAG(1) + the longest address: answers are received behind this room so the header fits in front.
    private const int HeaderRoom = 3 + SocksWire.MaxAddressLength;
    private const int MaxPayload = 65535;

    private readonly TaskCompletionSource<IPacketConnection> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IPEndPoint _endPointFactory = (IPEndPoint)udp.LocalEndPoint!;
    private readonly IPAddress? _clientIp = clientIp is { IsIPv4MappedToIPv6: true } ? clientIp.MapToIPv4() : clientIp;
    private readonly byte[] _lastHeader = new byte[HeaderRoom];
    private int _lastHeaderLength;
    private Destination _lastDestination;
    private SocketAddress? _clientUdpAddress;
    private CancellationTokenSource? _lifetime;

    public async Task RunAsync(Stream control, CancellationToken cancellationToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _lifetime = lifetime;
        TouchIdleTimer();
        var tasks = new[]
        {
            WatchControlAsync(control, lifetime.Token),
            UplinkAsync(lifetime.Token),
            DownlinkAsync(lifetime.Token),
        };
        try
        {
            await Task.WhenAny(tasks).ConfigureAwait(false);
            await lifetime.CancelAsync().ConfigureAwait(false);
            udp.Close();
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        finally
        {
            if (_opened.Task.IsCompletedSuccessfully)
            {
                await _opened.Task.Result.DisposeAsync().ConfigureAwait(false);
            }

            _opened.TrySetCanceled(CancellationToken.None);
        }
    }

    private void TouchIdleTimer()
    {
        if (idle > TimeSpan.Zero && idle != Timeout.InfiniteTimeSpan)
        {
            _lifetime?.CancelAfter(idle);
        }
    }

    private static async Task WatchControlAsync(Stream control, CancellationToken cancellationToken)
    {
        var buffer = new byte[64];
        try
        {
            while (await control.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
                // RFC 1928: the control connection carries nothing after the reply; whatever comes is ignored.
            }
        }
        catch (Exception e) when (IsEndOfAssociation(e))
        {
        }
    }

    private static bool IsEndOfAssociation(Exception e) =>
        e is OperationCanceledException or IOException or SocketException or ObjectDisposedException;

    // Only datagrams from the client's IP are relayed; the first one fixes the client's UDP port for answers.
    private bool IsFromClient(SocketAddress from)
    {
        if (_clientUdpAddress is { } known && known.Equals(from))
        {
            return true;
        }

        var endPoint = (IPEndPoint)_endPointFactory.Create(from);
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        if (_clientIp is not null && !address.Equals(_clientIp))
        {
            LogForeignDatagram(logger, session.Id, endPoint);
            return false;
        }

        var copy = new SocketAddress(from.Family, from.Size);
        from.Buffer.Span[..from.Size].CopyTo(copy.Buffer.Span);
        _clientUdpAddress = copy;
        return true;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "[{SessionId}] socks UDP: dropped a datagram from {Sender}, not the client")]
    private static partial void LogForeignDatagram(ILogger logger, long sessionId, IPEndPoint sender);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "[{SessionId}] socks UDP: dropped a datagram: {Reason}")]
    private static partial void LogDropped(ILogger logger, long sessionId, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "[{SessionId}] socks UDP association ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, long sessionId, string reason);
}
