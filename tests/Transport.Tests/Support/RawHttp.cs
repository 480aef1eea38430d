using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VMessPlugins.Tests.Transport.Tests.Support;

/// <summary>A raw TCP client that sends hand-written HTTP and reads answers, for probing the upgrade endpoint.</summary>
internal sealed class RawHttp : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private RawHttp(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public Stream Stream => _stream;

    public static async Task<RawHttp> ConnectAsync(ushort port, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        return new RawHttp(socket);
    }

    public static string Upgrade(string target, string method = "GET", string version = "13", string extra = "") =>
        $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        + $"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: {version}\r\n{extra}\r\n";

    /// <summary>The accept value for the fixed key in <see cref="Upgrade"/> (RFC 6455's own example).</summary>
    public const string ExpectedAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    public async Task SendAsync(string text, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
    }

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>One masked binary frame (FIN set) carrying <paramref name="payload"/> (under 126 bytes), as a client sends it.</summary>
    public static byte[] MaskedBinaryFrame(ReadOnlySpan<byte> payload)
    {
        byte[] mask = [0x12, 0x34, 0x56, 0x78];
        var frame = new byte[6 + payload.Length];
        frame[0] = 0x82;
        frame[1] = (byte)(0x80 | payload.Length);
        mask.CopyTo(frame, 2);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        return frame;
    }

    /// <summary>Reads one response head (and a Content-Length body) as text.</summary>
    public async Task<string> ReadResponseAsync(CancellationToken cancellationToken = default)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.ASCII.GetString(_pending.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var bodyLength = ContentLength(text[..end]);
                if (text.Length >= end + 4 + bodyLength)
                {
                    _pending.RemoveRange(0, end + 4 + bodyLength);
                    return text[..(end + 4 + bodyLength)];
                }
            }

            var read = await _stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return text;
            }

            _pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes, starting with any already buffered after a head.</summary>
    public async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[4096];
        while (_pending.Count < count)
        {
            var read = await _stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"closed after {_pending.Count} of {count} bytes");
            }

            _pending.AddRange(buffer.AsSpan(0, read));
        }

        var bytes = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return bytes;
    }

    /// <summary>True when the server closes the connection (EOF or reset) within the token's time.</summary>
    public async Task<bool> IsClosedByPeerAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
