using System.Buffers;
using System.Text;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>
/// Reads HTTP heads (request or status line plus headers) from a stream into one bounded pooled buffer.
/// Bytes after a head stay buffered for the next head or are handed over with <see cref="TakeLeftover"/>.
/// </summary>
internal sealed class HttpHeadBuffer : IDisposable
{
    public const int MaxHeadBytes = 8192;

    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(MaxHeadBytes);
    private int _start;
    private int _end;

    /// <summary>The next head as Latin-1 text including its blank line, or null at a clean EOF.</summary>
    /// <exception cref="HttpHeadTooLargeException">The head is larger than <see cref="MaxHeadBytes"/>.</exception>
    /// <exception cref="IOException">The peer closed in the middle of a head.</exception>
    public async ValueTask<string?> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(HttpHeadBuffer));
        while (true)
        {
            var length = EndOfHead(buffer.AsSpan(_start, _end - _start));
            if (length > 0)
            {
                var text = Encoding.Latin1.GetString(buffer, _start, length);
                _start += length;
                return text;
            }

            if (_end - _start >= MaxHeadBytes)
            {
                throw new HttpHeadTooLargeException();
            }

            if (_start > 0)
            {
                buffer.AsSpan(_start, _end - _start).CopyTo(buffer);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(_end, MaxHeadBytes - _end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return _end == _start ? null : throw new IOException("the connection closed inside an HTTP head");
            }

            _end += read;
        }
    }

    /// <summary>The bytes received after the last head (usually none).</summary>
    public byte[] TakeLeftover()
    {
        var leftover = _buffer is null ? [] : _buffer.AsSpan(_start, _end - _start).ToArray();
        _start = _end = 0;
        return leftover;
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // A head ends at an empty line; bare LF line ends are tolerated, as Go's server does.
    private static int EndOfHead(ReadOnlySpan<byte> data)
    {
        for (var i = data.IndexOf((byte)'\n'); i >= 0 && i < data.Length; i++)
        {
            if (data[i] != '\n')
            {
                continue;
            }

            if (i + 1 < data.Length && data[i + 1] == '\n')
            {
                return i + 2;
            }

            if (i + 2 < data.Length && data[i + 1] == '\r' && data[i + 2] == '\n')
            {
                return i + 3;
            }
        }

        return -1;
    }
}
