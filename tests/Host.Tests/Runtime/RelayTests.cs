using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Moq;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Runtime;

public sealed class RelayTests
{
    private static readonly TimeSpan s_testLimit = TimeSpan.FromSeconds(30);
    private static readonly ConnectionPolicy s_patient = new()
    {
        ConnectionIdle = TimeSpan.FromMinutes(5), UplinkOnly = TimeSpan.FromMinutes(5), DownlinkOnly = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task RunAsync_ClientEndsWrites_ServerSeesEndAndReplyStillArrives()
    {
        await using var client = await LoopbackPair.CreateAsync();
        await using var server = await LoopbackPair.CreateAsync();
        using var timeout = new CancellationTokenSource(s_testLimit);
        var relay = Relay.RunAsync(client.Near, server.Near, s_patient, TimeProvider.System, timeout.Token).AsTask();

        await client.Far.Stream.WriteAsync(Encoding.ASCII.GetBytes("hello"), timeout.Token);
        await client.Far.CompleteWritesAsync(timeout.Token);
        var request = await StreamHelpers.ReadToEndAsync(server.Far.Stream, timeout.Token);
        await server.Far.Stream.WriteAsync(Encoding.ASCII.GetBytes("world"), timeout.Token);
        await server.Far.CompleteWritesAsync(timeout.Token);
        var reply = await StreamHelpers.ReadToEndAsync(client.Far.Stream, timeout.Token);

        Assert.Equal("hello", Encoding.ASCII.GetString(request));
        Assert.Equal("world", Encoding.ASCII.GetString(reply));
        Assert.False(await relay.WaitAsync(timeout.Token));
    }

    [Fact]
    public async Task RunAsync_NoTraffic_ConnectionIdleEndsIt()
    {
        await using var client = await LoopbackPair.CreateAsync();
        await using var server = await LoopbackPair.CreateAsync();
        var policy = s_patient with { ConnectionIdle = TimeSpan.FromMilliseconds(200) };

        var timedOut = await Relay.RunAsync(client.Near, server.Near, policy, TimeProvider.System, CancellationToken.None).AsTask().WaitAsync(s_testLimit);

        Assert.True(timedOut);
    }

    [Fact]
    public async Task RunAsync_UplinkDoneAndServerSilent_DownlinkOnlyEndsIt()
    {
        await using var client = await LoopbackPair.CreateAsync();
        await using var server = await LoopbackPair.CreateAsync();
        var policy = s_patient with { DownlinkOnly = TimeSpan.FromMilliseconds(200) };
        var relay = Relay.RunAsync(client.Near, server.Near, policy, TimeProvider.System, CancellationToken.None).AsTask();

        await client.Far.CompleteWritesAsync(CancellationToken.None);

        Assert.True(await relay.WaitAsync(s_testLimit));
    }

    [Fact]
    public async Task RunAsync_DownlinkOnlyFires_ConnectionsCloseWithFinNotReset()
    {
        await using var client = await LoopbackPair.CreateAsync();
        await using var server = await LoopbackPair.CreateAsync();
        var policy = s_patient with { DownlinkOnly = TimeSpan.FromMilliseconds(200) };
        var relay = Relay.RunAsync(client.Near, server.Near, policy, TimeProvider.System, CancellationToken.None).AsTask();
        await client.Far.CompleteWritesAsync(CancellationToken.None);
        Assert.Equal(0, await server.Far.Stream.ReadAsync(new byte[16]).AsTask().WaitAsync(s_testLimit));

        Assert.True(await relay.WaitAsync(s_testLimit));
        // The owners close after the relay: a reset would make these reads throw instead of ending.
        await client.Near.DisposeAsync();
        await server.Near.DisposeAsync();

        Assert.Equal(0, await client.Far.Stream.ReadAsync(new byte[16]).AsTask().WaitAsync(s_testLimit));
    }

    [Fact]
    public async Task RunAsync_TrafficKeepsFlowing_IdleTimerIsReset()
    {
        await using var client = await LoopbackPair.CreateAsync();
        await using var server = await LoopbackPair.CreateAsync();
        using var timeout = new CancellationTokenSource(s_testLimit);
        var time = new FakeTimeProvider();
        var policy = s_patient with { ConnectionIdle = TimeSpan.FromMilliseconds(300) };
        var relay = Relay.RunAsync(client.Near, server.Near, policy, time, timeout.Token).AsTask();
        var buffer = new byte[1];

        // Ten bytes 200 ms apart span nearly seven idle periods; each byte resets the timer.
        for (var i = 0; i < 10; i++)
        {
            await client.Far.Stream.WriteAsync(new byte[] { (byte)i }, timeout.Token);
            await server.Far.Stream.ReadExactlyAsync(buffer, timeout.Token);
            Assert.Equal(i, buffer[0]);
            time.Advance(TimeSpan.FromMilliseconds(200));
        }

        Assert.False(relay.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(301));
        Assert.True(await relay.WaitAsync(timeout.Token));
    }

    [Fact]
    public async Task RunAsync_FourMiBEachWay_NoDataLost()
    {
        await using var client = await LoopbackPair.CreateAsync();
        await using var server = await LoopbackPair.CreateAsync();
        using var timeout = new CancellationTokenSource(s_testLimit);
        var up = RandomNumberGenerator.GetBytes(4 << 20);
        var down = RandomNumberGenerator.GetBytes(4 << 20);
        var relay = Relay.RunAsync(client.Near, server.Near, s_patient, TimeProvider.System, timeout.Token).AsTask();

        var received = StreamHelpers.ReadToEndAsync(server.Far.Stream, timeout.Token);
        var echoed = StreamHelpers.ReadToEndAsync(client.Far.Stream, timeout.Token);
        await Task.WhenAll(
            SendAllAsync(client, up, timeout.Token),
            SendAllAsync(server, down, timeout.Token));

        Assert.Equal(SHA256.HashData(up), SHA256.HashData(await received));
        Assert.Equal(SHA256.HashData(down), SHA256.HashData(await echoed));
        Assert.False(await relay.WaitAsync(timeout.Token));
    }

    [Fact]
    public async Task RunAsync_ServerResets_RelayFailsAndClientIsCut()
    {
        await using var client = await LoopbackPair.CreateAsync();
        await using var server = await LoopbackPair.CreateAsync();
        using var timeout = new CancellationTokenSource(s_testLimit);
        var relay = Relay.RunAsync(client.Near, server.Near, s_patient, TimeProvider.System, timeout.Token).AsTask();

        server.Far.Abort();
        await client.Far.Stream.WriteAsync(new byte[] { 1 }, timeout.Token);

        await Assert.ThrowsAnyAsync<Exception>(() => relay.WaitAsync(timeout.Token));
        var buffer = new byte[1];
        var ended = await ReadOrFailAsync(client.Far.Stream, buffer, timeout.Token);
        Assert.True(ended);
    }

    [Fact]
    public async Task RunAsync_CallerCancels_EndsPromptly()
    {
        await using var client = await LoopbackPair.CreateAsync();
        await using var server = await LoopbackPair.CreateAsync();
        using var cancel = new CancellationTokenSource();
        var relay = Relay.RunAsync(client.Near, server.Near, s_patient, TimeProvider.System, cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => relay.WaitAsync(s_testLimit));
    }

    [Fact]
    public async Task RunAsync_ReadsAlwaysCompleteAtOnce_RelayStillReturnsToItsCaller()
    {
        // With inline socket completions a copy that never waits would hold the event thread forever.
        using var cancel = new CancellationTokenSource();
        var endless = new EndlessStream();
        var moved = new CountingStream();
        await using var client = Connection(endless);
        await using var server = Connection(moved);

        // Called from a thread outside the pool, as a socket event thread is.
        var call = new TaskCompletionSource<ValueTask<bool>>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() => call.SetResult(Relay.RunAsync(client, server, s_patient, TimeProvider.System, cancel.Token))) { IsBackground = true }.Start();
        ValueTask<bool> relay;
        try
        {
            relay = await call.Task.WaitAsync(s_testLimit);
        }
        finally
        {
            await cancel.CancelAsync();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => relay.AsTask().WaitAsync(s_testLimit));
        Assert.True(moved.Written >= 256 * 1024, $"only {moved.Written} bytes were copied before the relay returned");
    }

    [Fact]
    public async Task RunAsync_SourceIdleBetweenBursts_WaitsWithZeroByteReadsAndCopiesEveryByte()
    {
        // An idle copy must not hold its 64 KiB buffer: every read that has to wait is a zero-byte read.
        using var timeout = new CancellationTokenSource(s_testLimit);
        var source = new TrickleStream();
        var sink = new SinkStream();
        await using var client = Connection(source);
        await using var server = Connection(sink);
        var relay = Relay.RunAsync(client, server, s_patient, TimeProvider.System, timeout.Token).AsTask();
        var data = RandomNumberGenerator.GetBytes(1 << 20);
        var random = new Random(1234);

        var waits = new List<int> { await source.PendingReads.Reader.ReadAsync(timeout.Token) };
        for (var offset = 0; offset < data.Length;)
        {
            var length = Math.Min(data.Length - offset, random.Next(1, 200_000));
            source.Push(data.AsSpan(offset, length).ToArray());
            offset += length;
            // The copy takes the whole burst, then waits again.
            waits.Add(await source.PendingReads.Reader.ReadAsync(timeout.Token));
        }

        source.End();

        Assert.False(await relay.WaitAsync(timeout.Token));
        Assert.All(waits, length => Assert.Equal(0, length));
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(sink.Received));
    }

    [Fact]
    public async Task RunAsync_ZeroByteReadAnswersAtOnceWithoutData_IsNotTakenForTheEnd()
    {
        // A stream that does not support zero-byte waits answers 0 at once; only a real read of 0 ends the copy.
        using var timeout = new CancellationTokenSource(s_testLimit);
        var source = new TrickleStream { ZeroByteReadsWait = false };
        var sink = new SinkStream();
        await using var client = Connection(source);
        await using var server = Connection(sink);
        var relay = Relay.RunAsync(client, server, s_patient, TimeProvider.System, timeout.Token).AsTask();

        Assert.Equal(64 * 1024, await source.PendingReads.Reader.ReadAsync(timeout.Token));
        source.Push([1, 2, 3]);
        Assert.Equal(64 * 1024, await source.PendingReads.Reader.ReadAsync(timeout.Token));
        source.End();

        Assert.False(await relay.WaitAsync(timeout.Token));
        Assert.Equal(new byte[] { 1, 2, 3 }, sink.Received);
    }

    [Fact]
    public async Task RunAsync_ReadsKeepFillingTheBuffer_GrowsToTheBufferSizeAndCopiesEveryByte()
    {
        // A bulk copy starts at 64 KiB and doubles while reads fill the buffer, up to the level's bufferSize.
        using var timeout = new CancellationTokenSource(s_testLimit);
        var data = RandomNumberGenerator.GetBytes(8 << 20);
        var source = new BulkStream(data);
        var sink = new SinkStream();
        await using var client = Connection(source);
        await using var server = Connection(sink);

        Assert.False(await Relay.RunAsync(client, server, s_patient, TimeProvider.System, timeout.Token).AsTask().WaitAsync(timeout.Token));

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(sink.Received));
        Assert.Equal([64 * 1024, 128 * 1024, 256 * 1024, 512 * 1024], source.ReadSizes.Distinct());
    }

    [Theory]
    [InlineData(128 * 1024, 128 * 1024)]
    [InlineData(16 * 1024, 16 * 1024)]
    [InlineData(4 * 1024 * 1024, 512 * 1024)]
    [InlineData(0, 64 * 1024)]
    public async Task RunAsync_LevelBufferSize_BoundsTheReads(int bufferSize, int largestRead)
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var data = RandomNumberGenerator.GetBytes(4 << 20);
        var source = new BulkStream(data);
        var sink = new SinkStream();
        await using var client = Connection(source);
        await using var server = Connection(sink);
        var policy = s_patient with { BufferSize = bufferSize };

        await Relay.RunAsync(client, server, policy, TimeProvider.System, timeout.Token).AsTask().WaitAsync(timeout.Token);

        Assert.Equal(data.Length, sink.Received.Length);
        Assert.Equal(largestRead, source.ReadSizes.Max());
    }

    [Fact]
    public async Task RunAsync_ReadsUseLittleOfTheBuffer_ShrinksBackToSixtyFourKiB()
    {
        // After a bulk burst, a trickle of small writes brings the read size back down.
        using var timeout = new CancellationTokenSource(s_testLimit);
        var source = new TrickleStream();
        var sink = new SinkStream();
        await using var client = Connection(source);
        await using var server = Connection(sink);
        var relay = Relay.RunAsync(client, server, s_patient, TimeProvider.System, timeout.Token).AsTask();

        source.Push(RandomNumberGenerator.GetBytes(4 << 20));
        var sizes = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            await source.PendingReads.Reader.ReadAsync(timeout.Token);
            source.Push([1, 2, 3]);
        }

        source.End();
        await relay.WaitAsync(timeout.Token);

        Assert.Equal((4 << 20) + 18, sink.Received.Length);
        Assert.Contains(512 * 1024, source.ReadSizes);
        Assert.Equal(64 * 1024, source.ReadSizes[^1]);
    }

    private static IConnection Connection(Stream stream)
    {
        var connection = new Mock<IConnection>();
        connection.SetupGet(c => c.Stream).Returns(stream);
        connection.Setup(c => c.CompleteWritesAsync(It.IsAny<CancellationToken>())).Returns(ValueTask.CompletedTask);
        connection.Setup(c => c.DisposeAsync()).Returns(ValueTask.CompletedTask);
        return connection.Object;
    }

    private static async Task SendAllAsync(LoopbackPair pair, byte[] data, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < data.Length; offset += 100_000)
        {
            await pair.Far.Stream.WriteAsync(data.AsMemory(offset, Math.Min(100_000, data.Length - offset)), cancellationToken);
        }

        await pair.Far.CompleteWritesAsync(cancellationToken);
    }

    // True when the stream ended (EOF or reset) rather than delivering data.
    private static async Task<bool> ReadOrFailAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken) == 0;
        }
        catch (IOException ex) when (ex.InnerException is SocketException)
        {
            return true;
        }
    }

    // Every read is answered at once with a full buffer, until cancelled.
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(buffer.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // Accepts every write at once and counts the bytes; reads wait until cancelled.
    private sealed class CountingStream : Stream
    {
        private long _written;

        public long Written => Interlocked.Read(ref _written);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Add(ref _written, buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // Hands out pushed segments (each read returns at most the rest of one), waits when there is none, and
    // reports the length of every read that has to wait. A zero-byte read waits for data without taking any.
    // Serves a fixed payload; every read completes at once with as much as fits. Records each read's size.
    private sealed class BulkStream(byte[] data) : Stream
    {
        private int _offset;

        public List<int> ReadSizes { get; } = [];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return ValueTask.FromResult(0);
            }

            ReadSizes.Add(buffer.Length);
            var count = Math.Min(buffer.Length, data.Length - _offset);
            data.AsSpan(_offset, count).CopyTo(buffer.Span);
            _offset += count;
            return ValueTask.FromResult(count);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class TrickleStream : Stream
    {
        private readonly Channel<byte[]> _segments = Channel.CreateUnbounded<byte[]>();
        private byte[] _current = [];
        private int _offset;

        public Channel<int> PendingReads { get; } = Channel.CreateUnbounded<int>();

        // The size of every read that asked for data.
        public List<int> ReadSizes { get; } = [];

        // False: a zero-byte read answers 0 at once, as a stream without zero-byte support does.
        public bool ZeroByteReadsWait { get; init; } = true;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Push(byte[] segment) => _segments.Writer.TryWrite(segment);

        public void End() => _segments.Writer.TryComplete();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty && !ZeroByteReadsWait)
            {
                return 0;
            }

            if (!buffer.IsEmpty)
            {
                ReadSizes.Add(buffer.Length);
            }

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

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // Keeps every byte written; its own reads end at once.
    private sealed class SinkStream : Stream
    {
        private readonly MemoryStream _received = new();

        public byte[] Received
        {
            get
            {
                lock (_received)
                {
                    return _received.ToArray();
                }
            }
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(0);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_received)
            {
                _received.Write(buffer.Span);
            }

            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
