using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VMessPlugins.TestKit;

/// <summary>A minimal SOCKS5 client (RFC 1928/1929) for tests.</summary>
public static class Socks5Client
{
    /// <summary>CONNECT: opens a stream to <paramref name="host"/>:<paramref name="port"/> through the proxy.</summary>
    /// <param name="proxy">The SOCKS5 server.</param>
    /// <param name="host">An IP literal (IPv4 or IPv6) or a domain name.</param>
    /// <param name="port">The destination port.</param>
    /// <param name="credentials">User and password for RFC 1929, or null for no authentication.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <returns>The connected stream; it owns its socket (use <c>Socket.Shutdown</c> for half-close).</returns>
    /// <exception cref="Socks5ReplyException">The proxy refused.</exception>
    public static async Task<NetworkStream> ConnectAsync(
        IPEndPoint proxy, string host, ushort port, (string User, string Pass)? credentials = null, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(proxy.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(proxy, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            await NegotiateAsync(stream, credentials, cancellationToken).ConfigureAwait(false);
            await RequestAsync(stream, command: 0x01, host, port, cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs method selection and, with <paramref name="credentials"/>, username/password authentication.</summary>
    public static async Task NegotiateAsync(Stream stream, (string User, string Pass)? credentials, CancellationToken cancellationToken)
    {
        byte method = credentials is null ? (byte)0x00 : (byte)0x02;
        await stream.WriteAsync(new byte[] { 0x05, 0x01, method }, cancellationToken).ConfigureAwait(false);
        var choice = new byte[2];
        await stream.ReadExactlyAsync(choice, cancellationToken).ConfigureAwait(false);
        if (choice[0] != 0x05 || choice[1] != method)
        {
            throw new Socks5ReplyException(choice[1], $"The proxy chose method 0x{choice[1]:x2} instead of 0x{method:x2}.");
        }

        if (credentials is { } account)
        {
            var user = Encoding.UTF8.GetBytes(account.User);
            var pass = Encoding.UTF8.GetBytes(account.Pass);
            var request = new byte[3 + user.Length + pass.Length];
            request[0] = 0x01;
            request[1] = (byte)user.Length;
            user.CopyTo(request, 2);
            request[2 + user.Length] = (byte)pass.Length;
            pass.CopyTo(request, 3 + user.Length);
            await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            var status = new byte[2];
            await stream.ReadExactlyAsync(status, cancellationToken).ConfigureAwait(false);
            if (status[1] != 0x00)
            {
                throw new Socks5ReplyException(status[1], "The proxy rejected the user name or password.");
            }
        }
    }

    /// <summary>Sends a request (1 CONNECT, 3 UDP ASSOCIATE) and returns the bound address of a success reply.</summary>
    public static async Task<(string Host, ushort Port)> RequestAsync(
        Stream stream, byte command, string host, ushort port, CancellationToken cancellationToken)
    {
        var request = new List<byte> { 0x05, command, 0x00 };
        Socks5Address.Append(request, host, port);
        await stream.WriteAsync(request.ToArray(), cancellationToken).ConfigureAwait(false);

        var head = new byte[4];
        await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        var bound = await Socks5Address.ReadAsync(stream, head[3], cancellationToken).ConfigureAwait(false);
        if (head[1] != 0x00)
        {
            throw new Socks5ReplyException(head[1], $"The proxy replied 0x{head[1]:x2} to command {command}.");
        }

        return bound;
    }
}
