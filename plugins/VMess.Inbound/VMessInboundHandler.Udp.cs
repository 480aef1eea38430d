using System.Buffers;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Plugins.VMess.Inbound;

internal sealed partial class VMessInboundHandler
{
    private const int MaxDatagram = 65535;

    // UDP command: every chunk is one datagram to the header's destination; replies come back one per chunk.
    // The association ends when the client ends its side, when the upstream ends, or after connIdle.
    private async ValueTask RelayPacketsAsync(
        VMessBodyConnection body, SessionContext session, IDispatcher dispatcher, Destination destination, CancellationToken cancellationToken)
    {
        var policy = _policies?.GetPolicy(session.Level) ?? ConnectionPolicy.Default;
        var target = destination with { Network = Network.Udp };
        var packets = await dispatcher.OpenPacketAsync(target, session, cancellationToken).ConfigureAwait(false);
        await using (packets.ConfigureAwait(false))
        {
            using var relay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            relay.CancelAfter(policy.ConnectionIdle);
            var uplink = UplinkPacketsAsync(body, packets, target, relay, policy, relay.Token);
            var downlink = DownlinkPacketsAsync(body, packets, relay, policy, relay.Token);
            try
            {
                await Task.WhenAny(uplink, downlink).ConfigureAwait(false);
                // Either side ending ends the association, as a datagram flow has no half-close.
                await relay.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(uplink, downlink).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Idle timeout or the other direction's end.
            }

            try
            {
                await body.CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The client is gone already.
            }
        }
    }

    private static async Task UplinkPacketsAsync(
        VMessBodyConnection body, IPacketConnection packets, Destination target, CancellationTokenSource relay, ConnectionPolicy policy, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        try
        {
            var pacer = default(ReadLoopPacer);
            while (true)
            {
                var reading = body.Stream.ReadAsync(buffer, token);
                var waited = !reading.IsCompleted;
                var read = await reading.ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                if (pacer.ShouldYield(waited, read))
                {
                    await Task.Yield();
                }

                relay.CancelAfter(policy.ConnectionIdle);
                await packets.SendAsync(buffer.AsMemory(0, read), target, token).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task DownlinkPacketsAsync(
        VMessBodyConnection body, IPacketConnection packets, CancellationTokenSource relay, ConnectionPolicy policy, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        try
        {
            var pacer = default(ReadLoopPacer);
            while (true)
            {
                var receiving = packets.ReceiveAsync(buffer, token);
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

                relay.CancelAfter(policy.ConnectionIdle);
                await body.Writer.WritePacketAsync(buffer.AsMemory(0, packet.Length), token).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
