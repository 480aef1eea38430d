using System.Security.Cryptography;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>One echoed exchange through an outbound: TCP, a UDP datagram, or a stream over mux.</summary>
internal static class DetourExchange
{
    public static readonly Destination Target = Destination.Tcp(Address.Parse("10.0.0.1"), 80);

    public static async Task EchoAsync(IOutboundHandler outbound, int length, CancellationToken cancellationToken)
    {
        await using var connection = await outbound.ConnectAsync(Target, new SessionContext { InboundTag = "socks-in" }, cancellationToken);
        var sent = RandomNumberGenerator.GetBytes(length);
        var reading = Streams.ReadToEndAsync(connection.Stream, cancellationToken);
        for (var offset = 0; offset < length; offset += 64 * 1024)
        {
            await connection.Stream.WriteAsync(sent.AsMemory(offset, Math.Min(64 * 1024, length - offset)), cancellationToken);
        }

        await connection.CompleteWritesAsync(cancellationToken);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(sent)), Convert.ToHexString(SHA256.HashData(await reading)));
    }

    public static async Task EchoDatagramAsync(IOutboundHandler outbound, CancellationToken cancellationToken)
    {
        var target = Target with { Network = Network.Udp };
        await using var packets = await outbound.OpenPacketAsync(target, new SessionContext { InboundTag = "socks-in" }, cancellationToken);
        var sent = RandomNumberGenerator.GetBytes(1200);
        await packets.SendAsync(sent, target, cancellationToken);
        var buffer = new byte[2048];
        var received = await packets.ReceiveAsync(buffer, cancellationToken);
        Assert.Equal(Convert.ToHexString(sent), Convert.ToHexString(buffer, 0, received.Length));
    }
}
