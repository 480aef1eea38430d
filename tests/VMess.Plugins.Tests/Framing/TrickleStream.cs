using System.Threading.Channels;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

/// <summary>
/// An inner stream fed by the test: each read returns at most the rest of one pushed segment, a read with
/// nothing pushed waits (and is reported with its buffer length), and a zero-byte read waits for data
/// without taking any, as a socket does. Writes wait on <see cref="HoldWrites"/> when it is set.
/// </summary>
internal sealed class TrickleStream : Stream
{
    private readonly Channel<byte[]> _segments = Channel.CreateUnbounded<byte[]>();
    private readonly MemoryStream _written = new();
    private byte[] _current = [];
    private int _offset;

    /// <summary>The buffer length of every read that had to wait.</summary>
    public Channel<int> PendingReads { get; } = Channel.CreateUnbounded<int>();

    /// <summary>When set, each write waits for this task before it is taken.</summary>
    public Task? HoldWrites { get; set; }

    public int WriteCount { get; private set; }

    public byte[] Written => _written.ToArray();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void Push(byte[] segment) => _segments.Writer.TryWrite(segment);

    /// <summary>Pushes <paramref name="data"/> cut at random points, 1 to <paramref name="maxPiece"/> bytes a piece.</summary>
    public void PushInPieces(byte[] data, Random random, int maxPiece)
    {
        for (var offset = 0; offset < data.Length;)
        {
            var length = Math.Min(data.Length - offset, random.Next(1, maxPiece + 1));
            Push(data.AsSpan(offset, length).ToArray());
            offset += length;
        }
    }

    public void End() => _segments.Writer.TryComplete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset == _current.Length)
        {
            if (_segments.Reader.TryRead(out var next))
            {
                (_current, _offset) = (next, 0);
                continue;
            }

            if (_segments.Reader.Completion.IsCompleted)
            {
                return 0;
            }

            PendingReads.Writer.TryWrite(buffer.Length);
            if (!await _segments.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, count).CopyTo(buffer.Span);
        _offset += count;
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (HoldWrites is not null)
        {
            await HoldWrites.WaitAsync(cancellationToken);
        }

        WriteCount++;
        _written.Write(buffer.Span);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
