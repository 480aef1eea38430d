using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

/// <summary>
/// The reader starts with a 128 KiB buffer and moves to larger ones while inner reads fill the space it
/// offers, so a bulk transfer is read in few large calls; the data must come through whole either way.
/// </summary>
public sealed class ReaderBufferGrowthTests
{
    [Theory]
    [InlineData(0x05)]
    [InlineData(0x0d)]
    [InlineData(0x15)]
    public async Task ReadAsync_InnerReadsFillTheBuffer_GrowsToOneMiBAndKeepsEveryByte(byte options)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        var data = RandomNumberGenerator.GetBytes(8 << 20);
        var wire = new MemoryStream();
        using (var writer = Framings.Writer(wire, TestAeadSuite.Gcm, (VMessRequestOptions)options, key, iv))
        {
            await writer.WriteAsync(data, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var inner = new RecordingStream(wire.ToArray());
        using var reader = Framings.Reader(inner, TestAeadSuite.Gcm, (VMessRequestOptions)options, key, iv);

        var received = await Framings.ReadAllAsync(reader, 512 * 1024);

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(received));
        Assert.Equal(128 * 1024, inner.Offered[0]);
        Assert.True(inner.Offered.Max() > 512 * 1024, $"largest read offered {inner.Offered.Max()} bytes");
        Assert.True(inner.Offered.Max() <= 1024 * 1024, $"largest read offered {inner.Offered.Max()} bytes");
    }

    [Fact]
    public async Task ReadAsync_InnerReadsReturnLittle_StaysAtOneHundredTwentyEightKiB()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        var data = RandomNumberGenerator.GetBytes(1 << 20);
        var wire = new MemoryStream();
        using (var writer = Framings.Writer(wire, TestAeadSuite.Gcm, (VMessRequestOptions)0x0d, key, iv))
        {
            await writer.WriteAsync(data, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var inner = new RecordingStream(wire.ToArray(), largestAnswer: 9000);
        using var reader = Framings.Reader(inner, TestAeadSuite.Gcm, (VMessRequestOptions)0x0d, key, iv);

        var received = await Framings.ReadAllAsync(reader, 512 * 1024);

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(received));
        Assert.True(inner.Offered.Max() <= 128 * 1024, $"largest read offered {inner.Offered.Max()} bytes");
    }

    // Serves bytes with every read completing at once (at most largestAnswer each); records each read's space.
    private sealed class RecordingStream(byte[] data, int largestAnswer = int.MaxValue) : Stream
    {
        private int _offset;

        public List<int> Offered { get; } = [];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            Offered.Add(buffer.Length);
            var count = Math.Min(Math.Min(buffer.Length, largestAnswer), data.Length - _offset);
            data.AsSpan(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
