using System.Net;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// A VMess body over an inner connection: <see cref="Stream"/> reads decrypt and writes encrypt;
/// <see cref="CompleteWritesAsync"/> sends the end-of-stream chunk, then ends the inner connection's writes.
/// </summary>
public sealed class VMessBodyConnection : IConnection
{
    private readonly IConnection _inner;
    private readonly VMessBodySource _source;
    private readonly VMessBodyWriter _writer;
    private int _disposed;

    /// <summary>Wraps <paramref name="inner"/>, which this connection owns from now on.</summary>
    public VMessBodyConnection(IConnection inner, VMessBodySource source, VMessBodyWriter writer)
    {
        _inner = inner;
        _source = source;
        _writer = writer;
        Stream = new VMessBodyStream(source, writer);
    }

    /// <inheritdoc/>
    public Stream Stream { get; }

    /// <summary>The body writer (to send a pending header early).</summary>
    public VMessBodyWriter Writer => _writer;

    /// <inheritdoc/>
    public EndPoint? LocalEndPoint => _inner.LocalEndPoint;

    /// <inheritdoc/>
    public EndPoint? RemoteEndPoint => _inner.RemoteEndPoint;

    /// <inheritdoc/>
    public async ValueTask CompleteWritesAsync(CancellationToken cancellationToken)
    {
        await _writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await _inner.CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Abort() => _inner.Abort();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The inner connection goes first so that no read or write is still using the pooled buffers.
        await _inner.DisposeAsync().ConfigureAwait(false);
        _source.Dispose();
        _writer.Dispose();
    }
}
