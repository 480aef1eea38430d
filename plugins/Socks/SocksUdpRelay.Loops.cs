using System.Net;
using System.Buffers;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

internal sealed partial class SocksUdpRelay
{
    private async Task UplinkAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxPayload);
        var from = new SocketAddress(udp.AddressFamily);
        try
        {
            var pacer = default(ReadLoopPacer);
            while (true)
            {
                var receiving = udp.ReceiveFromAsync(buffer.AsMemory(0, MaxPayload), SocketFlags.None, from, cancellationToken);
                var waited = !receiving.IsCompleted;
                var length = await receiving.ConfigureAwait(false);
                if (pacer.ShouldYield(waited, length))
                {
                    await Task.Yield();
                }

                if (!IsFromClient(from) || !TryReadHeader(buffer.AsSpan(0, length), out var destination, out var headerLength))
                {
                    continue;
                }

                TouchIdleTimer();
                var upstream = _opened.Task.IsCompletedSuccessfully
                    ? _opened.Task.Result
                    : await OpenAsync(destination, cancellationToken).ConfigureAwait(false);
                try
                {
                    await upstream.SendAsync(buffer.AsMemory(headerLength, length - headerLength), destination, cancellationToken).ConfigureAwait(false);
                }
                catch (ProxyException e)
                {
                    LogDropped(logger, session.Id, e.Message);
                }
            }
        }
        catch (ProxyException e)
        {
            LogEnded(logger, session.Id, e.Message);
        }
        catch (Exception e) when (IsEndOfAssociation(e))
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask<IPacketConnection> OpenAsync(Destination first, CancellationToken cancellationToken)
    {
        session.Target = first;
        var upstream = await dispatcher.OpenPacketAsync(first, session, cancellationToken).ConfigureAwait(false);
        _opened.TrySetResult(upstream);
        return upstream;
    }

    private bool TryReadHeader(ReadOnlySpan<byte> datagram, out Destination destination, out int headerLength)
    {
        destination = default;
        headerLength = 0;
        if (datagram.Length < 4 || datagram[0] != 0 || datagram[1] != 0)
        {
            LogDropped(logger, session.Id, "malformed SOCKS UDP header");
            return false;
        }

        if (datagram[2] != 0)
        {
            LogDropped(logger, session.Id, "fragmented datagrams are not supported");
            return false;
        }

        // Steady traffic repeats one destination: reuse its decoded form instead of allocating it again.
        if (_lastHeaderLength > 0 && datagram.Length >= _lastHeaderLength && datagram[.._lastHeaderLength].SequenceEqual(_lastHeader.AsSpan(0, _lastHeaderLength)))
        {
            destination = _lastDestination;
            headerLength = _lastHeaderLength;
            return true;
        }

        if (!SocksWire.TryParseAddress(datagram[3..], Network.Udp, out destination, out var addressLength))
        {
            LogDropped(logger, session.Id, "bad address in the SOCKS UDP header");
            return false;
        }

        headerLength = 3 + addressLength;
        datagram[..headerLength].CopyTo(_lastHeader);
        _lastHeaderLength = headerLength;
        _lastDestination = destination;
        return true;
    }

    private async Task DownlinkAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(HeaderRoom + MaxPayload);
        try
        {
            var upstream = await _opened.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            var pacer = default(ReadLoopPacer);
            while (true)
            {
                var receiving = upstream.ReceiveAsync(buffer.AsMemory(HeaderRoom, MaxPayload), cancellationToken);
                var waited = !receiving.IsCompleted;
                var packet = await receiving.ConfigureAwait(false);
                if (packet.IsCompleted)
                {
                    return;
                }

                if (pacer.ShouldYield(waited, packet.Length))
                {
                    await Task.Yield();
                }

                TouchIdleTimer();
                if (_clientUdpAddress is not { } client)
                {
                    continue;
                }

                var source = packet.Source!.Value;
                var headerLength = 3 + SocksWire.AddressLength(source.Address);
                var start = HeaderRoom - headerLength;
                buffer.AsSpan(start, 3).Clear();
                SocksWire.WriteAddress(buffer.AsSpan(start + 3), source.Address, source.Port);
                await udp.SendToAsync(buffer.AsMemory(start, headerLength + packet.Length), SocketFlags.None, client, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ProxyException e)
        {
            LogEnded(logger, session.Id, e.Message);
        }
        catch (Exception e) when (IsEndOfAssociation(e))
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
