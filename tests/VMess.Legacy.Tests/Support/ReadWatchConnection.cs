using System.Net;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>
/// The server end of a connection, watched: tells when its reader, having consumed a number of bytes, asks for
/// more (so a test knows the server is waiting before it moves a fake clock on).
/// </summary>
internal sealed class ReadWatchConnection(IConnection inner) : IConnection
{
    private readonly WatchedStream _stream = new(inner.Stream);

    public Stream Stream => _stream;

    public EndPoint? LocalEndPoint => inner.LocalEndPoint;

    public EndPoint? RemoteEndPoint => inner.RemoteEndPoint;

    /// <summary>Completes when a read starts after <paramref name="consumed"/> bytes or more were read.</summary>
    public Task WaitingAfterAsync(long consumed) => _stream.WaitingAfterAsync(consumed);

    public ValueTask CompleteWritesAsync(CancellationToken cancellationToken) => inner.CompleteWritesAsync(cancellationToken);

    public void Abort() => inner.Abort();

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class WatchedStream(Stream inner) : Stream
    {
        private readonly Lock _gate = new();
        private readonly List<(long Consumed, TaskCompletionSource Signal)> _waiters = [];
        private long _consumed;
        private bool _reading;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public Task WaitingAfterAsync(long consumed)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_reading && _consumed >= consumed)
                {
                    return Task.CompletedTask;
                }

                _waiters.Add((consumed, signal));
            }

            return signal.Task;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                _reading = true;
                foreach (var waiter in _waiters.Where(w => _consumed >= w.Consumed).ToList())
                {
                    waiter.Signal.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }

            var read = 0;
            try
            {
                read = await inner.ReadAsync(buffer, cancellationToken);
                return read;
            }
            finally
            {
                lock (_gate)
                {
                    _reading = false;
                    _consumed += read;
                }
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async reads only");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
