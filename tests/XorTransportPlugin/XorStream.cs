using System.Buffers;
using System.Runtime.CompilerServices;

namespace XorTransportPlugin;

/// <summary>XORs every byte written and read with one key byte. Not security: a demonstration of framing.</summary>
internal sealed class XorStream(Stream inner, byte key) : Stream
{
    private const int MaxChunk = 16 * 1024;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    // Pooled builders: no allocation per read or write even when the I/O completes asynchronously.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Xor(buffer.Span[..read], key);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The caller's buffer is read-only to us, so encode into a pooled one.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length, MaxChunk));
        try
        {
            while (!buffer.IsEmpty)
            {
                var size = Math.Min(buffer.Length, scratch.Length);
                buffer.Span[..size].CopyTo(scratch);
                Xor(scratch.AsSpan(0, size), key);
                await inner.WriteAsync(scratch.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                buffer = buffer[size..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use ReadAsync.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use WriteAsync.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private static void Xor(Span<byte> data, byte key)
    {
        foreach (ref var b in data)
        {
            b ^= key;
        }
    }
}
