using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>The Stream face of a TCP sub-connection.</summary>
internal sealed class MuxSubStream : DuplexStreamBase
{
    private readonly MuxStreamConnection _connection;

    public MuxSubStream(MuxStreamConnection connection) => _connection = connection;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _connection.ReadAsync(buffer, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Use ReadAsync on a mux sub-connection.");

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _connection.WriteAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Use WriteAsync on a mux sub-connection.");
}
