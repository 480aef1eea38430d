using System.Net;

namespace VMessPlugins.Abstractions.Connections;

/// <summary>
/// An <see cref="IConnection"/> over any stream, with a caller-supplied way to end writes.
/// Convenient for layers (TLS, WebSocket, protocol bodies) that wrap another connection.
/// </summary>
public sealed class StreamConnection : IConnection
{
    private readonly Func<CancellationToken, ValueTask> _completeWrites;
    private readonly IAsyncDisposable? _inner;
    private int _disposed;

    /// <summary>Wraps <paramref name="stream"/>; <paramref name="inner"/> is disposed with it.</summary>
    public StreamConnection(
        Stream stream,
        Func<CancellationToken, ValueTask> completeWrites,
        EndPoint? localEndPoint,
        EndPoint? remoteEndPoint,
        IAsyncDisposable? inner = null)
    {
        Stream = stream;
        _completeWrites = completeWrites;
        LocalEndPoint = localEndPoint;
        RemoteEndPoint = remoteEndPoint;
        _inner = inner;
    }

    /// <inheritdoc/>
    public Stream Stream { get; }

    /// <inheritdoc/>
    public EndPoint? LocalEndPoint { get; }

    /// <inheritdoc/>
    public EndPoint? RemoteEndPoint { get; }

    /// <inheritdoc/>
    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken) => _completeWrites(cancellationToken);

    /// <inheritdoc/>
    public void Abort()
    {
        if (_inner is IConnection connection)
        {
            connection.Abort();
        }
        else
        {
            Stream.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Stream.DisposeAsync().ConfigureAwait(false);
        if (_inner is not null)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }
    }
}
