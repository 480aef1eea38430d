using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Engine;

/// <summary>
/// With inline socket completions a frame loop whose reads never wait would keep the event thread from
/// every other socket of the process: the loop must give its thread back now and then.
/// </summary>
public sealed class EventThreadFairnessTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_FramesAlwaysArriveAtOnce_ServerStillReturnsToItsCaller()
    {
        using var cancel = new CancellationTokenSource();
        var frames = new EndlessKeepFrames();
        var carrier = new Mock<IConnection>();
        carrier.SetupGet(c => c.Stream).Returns(frames);
        carrier.Setup(c => c.CompleteWritesAsync(It.IsAny<CancellationToken>())).Returns(ValueTask.CompletedTask);
        carrier.Setup(c => c.DisposeAsync()).Returns(ValueTask.CompletedTask);
        var server = new MuxServerSession(carrier.Object, Mock.Of<IDispatcher>(), new SessionContext { InboundTag = "mux" }, MuxSessionOptions.Default, NullLogger.Instance);

        // Called from a thread outside the pool, as a socket event thread is.
        var call = new TaskCompletionSource<ValueTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() => call.SetResult(server.RunAsync(cancel.Token))) { IsBackground = true }.Start();
        ValueTask running;
        try
        {
            running = await call.Task.WaitAsync(s_limit);
        }
        finally
        {
            await cancel.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => running.AsTask().WaitAsync(s_limit));
        Assert.True(frames.Served >= 256 * 1024, $"only {frames.Served} bytes were read before the server returned");
    }

    // An endless run of 4096-byte Keep frames with data for session 7, which is never opened (the server
    // answers each with End); every read completes at once. Writes are accepted at once.
    private sealed class EndlessKeepFrames : Stream
    {
        private const int FrameLength = 4096;
        private readonly byte[] _frame = new byte[FrameLength];
        private long _served;

        public EndlessKeepFrames()
        {
            // meta_len 4 | session 7 | Keep | data option | data_len | data
            byte[] header = [0x00, 0x04, 0x00, 0x07, 0x02, 0x01, (FrameLength - 8) >> 8, (FrameLength - 8) & 0xff];
            header.CopyTo(_frame, 0);
        }

        public long Served => Interlocked.Read(ref _served);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var served = Interlocked.Read(ref _served);
            var written = 0;
            while (written < buffer.Length)
            {
                var at = (int)((served + written) % FrameLength);
                var take = Math.Min(FrameLength - at, buffer.Length - written);
                _frame.AsSpan(at, take).CopyTo(buffer.Span[written..]);
                written += take;
            }

            Interlocked.Add(ref _served, written);
            return ValueTask.FromResult(written);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
