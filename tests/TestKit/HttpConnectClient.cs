using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VMessPlugins.TestKit;

/// <summary>Opens tunnels through an HTTP proxy with CONNECT, for tests.</summary>
public static class HttpConnectClient
{
    private const int MaxHeadLength = 16 * 1024;

    /// <summary>Sends <c>CONNECT host:port</c> and returns the tunnel once the proxy answered 200.</summary>
    /// <exception cref="HttpRequestException">The proxy answered another status (in <c>StatusCode</c>).</exception>
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
            var authority = host.Contains(':') && !host.StartsWith('[') ? $"[{host}]:{port}" : $"{host}:{port}";
            var request = new StringBuilder($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
            if (credentials is { } account)
            {
                var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.User}:{account.Pass}"));
                request.Append($"Proxy-Authorization: Basic {token}\r\n");
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), cancellationToken).ConfigureAwait(false);
            var head = await ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
            var status = ParseStatus(head);
            if (status != 200)
            {
                throw new HttpRequestException($"The proxy answered: {head.Split('\n')[0].Trim()}", null, (HttpStatusCode)status);
            }

            return stream;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads a response head up to and including the blank line, byte by byte (so no body is consumed).</summary>
    public static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>(256);
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Count >= MaxHeadLength || await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException($"The proxy ended or overflowed the response head: \"{Encoding.ASCII.GetString(head.ToArray())}\"");
            }

            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }

    /// <summary>The status code of a response head (<c>HTTP/1.1 200 ...</c>).</summary>
    public static int ParseStatus(string head)
    {
        var parts = head.Split(' ', 3);
        return parts.Length >= 2 && int.TryParse(parts[1], out var status) ? status : throw new IOException($"Not an HTTP response: \"{head}\"");
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
