using System.Security.Cryptography;
using System.Text;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

internal sealed partial class SocksInbound
{
    private const byte MethodNoAuth = 0x00;
    private const byte MethodPassword = 0x02;
    private const byte MethodNone = 0xFF;

    // The version byte 0x05 was read already.
    private async ValueTask<SocksRequest> ReadSocks5Async(Stream stream, byte[] buffer, SessionContext session, CancellationToken cancellationToken)
    {
        await SocksWire.ReadExactlyAsync(stream, buffer, 1, cancellationToken).ConfigureAwait(false);
        var methodCount = buffer[0];
        if (methodCount == 0)
        {
            throw new ProxyException("the SOCKS5 greeting offers no authentication method");
        }

        await SocksWire.ReadExactlyAsync(stream, buffer, methodCount, cancellationToken).ConfigureAwait(false);
        var wanted = settings.PasswordRequired ? MethodPassword : MethodNoAuth;
        if (Array.IndexOf(buffer, wanted, 0, methodCount) < 0)
        {
            await WritePairAsync(stream, buffer, 0x05, MethodNone, cancellationToken).ConfigureAwait(false);
            throw new ProxyException(settings.PasswordRequired
                ? "the SOCKS5 client does not offer username/password authentication"
                : "the SOCKS5 client does not offer the no-authentication method");
        }

        await WritePairAsync(stream, buffer, 0x05, wanted, cancellationToken).ConfigureAwait(false);
        if (settings.PasswordRequired)
        {
            await AuthenticateAsync(stream, buffer, session, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await ReadSocks5RequestAsync(stream, buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (SocksReplyException e)
        {
            await WriteSocks5FailureAsync(stream, e.ReplyCode, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask AuthenticateAsync(Stream stream, byte[] buffer, SessionContext session, CancellationToken cancellationToken)
    {
        await SocksWire.ReadExactlyAsync(stream, buffer, 2, cancellationToken).ConfigureAwait(false);
        if (buffer[0] != 0x01)
        {
            throw new ProxyException($"unknown SOCKS5 username/password version 0x{buffer[0]:x2}");
        }

        int userLength = buffer[1];
        await SocksWire.ReadExactlyAsync(stream, buffer, userLength + 1, cancellationToken).ConfigureAwait(false);
        var user = Encoding.UTF8.GetString(buffer, 0, userLength);
        int passLength = buffer[userLength];
        await SocksWire.ReadExactlyAsync(stream, buffer, passLength, cancellationToken).ConfigureAwait(false);
        var accepted = settings.Accounts.TryGetValue(user, out var expected) && PasswordMatches(expected, buffer.AsSpan(0, passLength));
        buffer.AsSpan(0, passLength).Clear();
        await WritePairAsync(stream, buffer, 0x01, accepted ? (byte)0x00 : (byte)0x01, cancellationToken).ConfigureAwait(false);
        if (!accepted)
        {
            LogAuthFailed(logger, session.Id, tag, user);
            throw new ProxyException($"SOCKS5 authentication failed for user \"{user}\"");
        }

        session.User = new UserInfo(user, user, settings.UserLevel);
    }

    private static bool PasswordMatches(string expected, ReadOnlySpan<byte> given)
    {
        Span<byte> expectedBytes = stackalloc byte[255];
        var length = Encoding.UTF8.GetBytes(expected, expectedBytes);
        return CryptographicOperations.FixedTimeEquals(expectedBytes[..length], given);
    }

    private static async ValueTask<SocksRequest> ReadSocks5RequestAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        await SocksWire.ReadExactlyAsync(stream, buffer, 3, cancellationToken).ConfigureAwait(false);
        if (buffer[0] != 0x05)
        {
            throw new ProxyException($"bad SOCKS5 request version 0x{buffer[0]:x2}");
        }

        var command = buffer[1];
        if (command is not ((byte)SocksCommand.Connect or (byte)SocksCommand.UdpAssociate))
        {
            throw new SocksReplyException(0x07, $"unsupported SOCKS5 command 0x{command:x2}");
        }

        var network = command == (byte)SocksCommand.Connect ? Network.Tcp : Network.Udp;
        var destination = await SocksWire.ReadAddressAsync(stream, buffer, network, cancellationToken).ConfigureAwait(false);
        return new SocksRequest((SocksCommand)command, destination, IsSocks4: false);
    }

    private static async ValueTask WriteSocks5FailureAsync(Stream stream, byte code, CancellationToken cancellationToken)
    {
        try
        {
            var reply = new byte[] { 0x05, code, 0x00, SocksWire.AtypIPv4, 0, 0, 0, 0, 0, 0 };
            await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client is gone; the original failure is what gets logged.
        }
    }

    private static async ValueTask WritePairAsync(Stream stream, byte[] buffer, byte first, byte second, CancellationToken cancellationToken)
    {
        buffer[0] = first;
        buffer[1] = second;
        await stream.WriteAsync(buffer.AsMemory(0, 2), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
