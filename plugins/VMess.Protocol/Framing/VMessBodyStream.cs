namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>The Stream face of a VMess body: reads decode, writes encode.</summary>
internal sealed class VMessBodyStream : Stream
{
    private readonly VMessBodySource _source;
    private readonly VMessBodyWriter _writer;

    public VMessBodyStream(VMessBodySource source, VMessBodyWriter writer)
    {
        _source = source;
        _writer = writer;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _source.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _source.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => _source.Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => _source.Read(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _writer.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Writes go through the async path only: a sync write would block on the socket anyway.
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Use WriteAsync on a VMess body stream.");

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
