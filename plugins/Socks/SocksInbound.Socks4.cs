using System.Buffers.Binary;
using System.Net;
using System.Text;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

internal sealed partial class SocksInbound
{
    private const int MaxSocks4FieldLength = 255;

    // SOCKS4 and 4a (CONNECT only, no authentication); the version byte 0x04 was read already.
    private async ValueTask<SocksRequest> ReadSocks4Async(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        await SocksWire.ReadExactlyAsync(stream, buffer, 7, cancellationToken).ConfigureAwait(false);
        var command = buffer[0];
        var port = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(1));
        var ip = new IPAddress(buffer.AsSpan(3, 4));
        var isSocks4a = buffer[3] == 0 && buffer[4] == 0 && buffer[5] == 0 && buffer[6] != 0;
        _ = await ReadNullTerminatedAsync(stream, buffer, cancellationToken).ConfigureAwait(false); // the user id, unused
        var address = Address.FromIp(ip);
        if (isSocks4a)
        {
            var host = await ReadNullTerminatedAsync(stream, buffer, cancellationToken).ConfigureAwait(false);
            address = host.Length > 0 ? Address.Parse(host) : throw new ProxyException("empty domain name in the SOCKS4a request");
        }

        if (settings.PasswordRequired || command != (byte)SocksCommand.Connect)
        {
            await WriteSocks4ReplyAsync(stream, buffer, success: false, cancellationToken).ConfigureAwait(false);
            throw new ProxyException(settings.PasswordRequired
                ? "SOCKS4 is refused because this inbound requires a password"
                : $"unsupported SOCKS4 command 0x{command:x2}");
        }

        return new SocksRequest(SocksCommand.Connect, Destination.Tcp(address, port), IsSocks4: true);
    }

    private static async ValueTask<string> ReadNullTerminatedAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        for (var length = 0; length <= MaxSocks4FieldLength; length++)
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(length, 1), cancellationToken).ConfigureAwait(false);
            if (buffer[length] == 0)
            {
                return length > 0 ? Encoding.ASCII.GetString(buffer, 0, length) : string.Empty;
            }
        }

        throw new ProxyException("a SOCKS4 field is longer than 255 bytes");
    }

    private static async ValueTask WriteSocks4ReplyAsync(Stream stream, byte[] buffer, bool success, CancellationToken cancellationToken)
    {
        buffer.AsSpan(0, 8).Clear();
        buffer[1] = success ? (byte)0x5A : (byte)0x5B;
        await stream.WriteAsync(buffer.AsMemory(0, 8), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
