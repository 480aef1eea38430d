namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>The Stream face of a VMess body: reads decode, writes encode.</summary>
internal sealed class VMessBodyStream : DuplexStreamBase
{
    private readonly VMessBodySource _source;
    private readonly VMessBodyWriter _writer;

    public VMessBodyStream(VMessBodySource source, VMessBodyWriter writer)
    {
        _source = source;
        _writer = writer;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _source.ReadAsync(buffer, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => _source.Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => _source.Read(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(buffer, cancellationToken);

    // Writes go through the async path only: a sync write would block on the socket anyway.
    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Use WriteAsync on a VMess body stream.");
}
