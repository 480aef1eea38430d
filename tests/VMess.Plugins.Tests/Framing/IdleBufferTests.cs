using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

/// <summary>An idle body reader or writer holds no pooled buffer; data still flows unchanged.</summary>
public sealed class IdleBufferTests
{
    private static readonly TimeSpan s_testLimit = TimeSpan.FromSeconds(30);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] _iv = RandomNumberGenerator.GetBytes(16);

    public static TheoryData<byte, int> OptionsAndPieces()
    {
        var data = new TheoryData<byte, int>();
        foreach (var options in new byte[] { 0x00, 0x01, 0x05, 0x0d, 0x11, 0x1d })
        {
            foreach (var maxPiece in new[] { 1, 19, 4096, 70_000 })
            {
                data.Add(options, maxPiece);
            }
        }

        return data;
    }

    [Fact]
    public async Task Writer_AfterEachWrite_HoldsNoBatchBuffer_PrefixStillGoesWithFirstData()
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var inner = new TrickleStream();
        var release = new TaskCompletionSource();
        inner.HoldWrites = release.Task;
        var prefix = RandomNumberGenerator.GetBytes(61);
        var data = RandomNumberGenerator.GetBytes(65536);
        using var writer = Framings.Writer(inner, TestAeadSuite.Gcm, (VMessRequestOptions)0x0d, _key, _iv, prefix: prefix);
        Assert.False(writer.HoldsBuffer);

        var writing = writer.WriteAsync(data, timeout.Token).AsTask();
        Assert.True(writer.HoldsBuffer);
        release.SetResult();
        await writing.WaitAsync(timeout.Token);
        Assert.False(writer.HoldsBuffer);
        await writer.WriteAsync(data.AsMemory(0, 100), timeout.Token);
        Assert.False(writer.HoldsBuffer);
        await writer.CompleteAsync(timeout.Token);
        Assert.False(writer.HoldsBuffer);

        // One send for the prefix and both chunks of the 64 KiB write, one for the small write, one for the end.
        Assert.Equal(3, inner.WriteCount);
        var wire = inner.Written;
        Assert.Equal(prefix, wire[..prefix.Length]);
        using var reader = Framings.Reader(new MemoryStream(wire[prefix.Length..]), TestAeadSuite.Gcm, (VMessRequestOptions)0x0d, _key, _iv);
        var expected = data.Concat(data[..100]).ToArray();
        Assert.Equal(expected, await Framings.ReadAllAsync(reader));
    }

    [Fact]
    public async Task Writer_PrefixFlushedAlone_HoldsNoBufferAndDataFollowsWithoutIt()
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var inner = new TrickleStream();
        var prefix = RandomNumberGenerator.GetBytes(40);
        using var writer = Framings.Writer(inner, TestAeadSuite.Gcm, (VMessRequestOptions)0x01, _key, _iv, prefix: prefix);

        await writer.FlushPrefixAsync(timeout.Token);
        Assert.Equal(prefix, inner.Written);
        await writer.WriteAsync(new byte[] { 7, 8, 9 }, timeout.Token);

        Assert.False(writer.HoldsBuffer);
        Assert.Equal(2, inner.WriteCount);
        using var reader = Framings.Reader(new MemoryStream(inner.Written[prefix.Length..]), TestAeadSuite.Gcm, (VMessRequestOptions)0x01, _key, _iv);
        Assert.Equal(new byte[] { 7, 8, 9 }, await Framings.ReadAllAsync(reader));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(200_000)]
    public async Task Writer_RawBodyWithPrefix_PrefixThenDataAndNoBufferKept(int length)
    {
        // A raw body (no chunks) is copied through the batch only to put the prefix in front of the first data.
        using var timeout = new CancellationTokenSource(s_testLimit);
        var inner = new TrickleStream();
        var prefix = RandomNumberGenerator.GetBytes(4);
        var data = RandomNumberGenerator.GetBytes(length);
        using var writer = Framings.Writer(inner, Suites.ByName("none"), 0, _key, _iv, prefix: prefix);

        await writer.WriteAsync(data, timeout.Token).AsTask().WaitAsync(timeout.Token);
        await writer.WriteAsync(data, timeout.Token).AsTask().WaitAsync(timeout.Token);
        await writer.CompleteAsync(timeout.Token).AsTask().WaitAsync(timeout.Token);

        Assert.False(writer.HoldsBuffer);
        Assert.Equal(prefix.Concat(data).Concat(data).ToArray(), inner.Written);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x01)]
    [InlineData(0x0d)]
    [InlineData(0x1d)]
    public async Task Reader_AllAvailableDataDelivered_HoldsNoBuffer(byte options)
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var payload = RandomNumberGenerator.GetBytes(200_000);
        var wire = await WriteAsync((VMessRequestOptions)options, payload, complete: false);
        var inner = new TrickleStream();
        using var reader = Framings.Reader(inner, TestAeadSuite.Gcm, (VMessRequestOptions)options, _key, _iv);
        Assert.False(reader.HoldsBuffer);

        inner.PushInPieces(wire, new Random(7), 30_000);
        var received = new MemoryStream();
        var buffer = new byte[7000];
        while (received.Length < payload.Length)
        {
            received.Write(buffer, 0, await reader.ReadAsync(buffer, timeout.Token));
        }

        Assert.False(reader.HoldsBuffer);
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task Reader_ZeroByteReadWithNothingBuffered_WaitsOnInnerStreamWithoutRentingAndReturnsZero()
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var payload = RandomNumberGenerator.GetBytes(5000);
        var wire = await WriteAsync(VMessRequestOptions.ChunkStream | VMessRequestOptions.ChunkMasking, payload, complete: false);
        var inner = new TrickleStream();
        using var reader = Framings.Reader(inner, TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream | VMessRequestOptions.ChunkMasking, _key, _iv);
        using var writer = Framings.Writer(new MemoryStream(), TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream, _key, _iv);
        using var body = new VMessBodyStream(reader, writer);

        var waiting = body.ReadAsync(Memory<byte>.Empty, timeout.Token).AsTask();

        // The wait went down to the inner stream as a zero-byte read, and nothing is rented meanwhile.
        Assert.Equal(0, await inner.PendingReads.Reader.ReadAsync(timeout.Token));
        Assert.False(waiting.IsCompleted);
        Assert.False(reader.HoldsBuffer);
        inner.Push(wire);
        Assert.Equal(0, await waiting.WaitAsync(timeout.Token));
        Assert.False(reader.HoldsBuffer);
        var buffer = new byte[payload.Length];
        Assert.Equal(payload.Length, await body.ReadAsync(buffer, timeout.Token));
        Assert.Equal(payload, buffer);
        Assert.False(reader.HoldsBuffer);
        Assert.False(inner.PendingReads.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Reader_InitialBytesHoldAWholeChunk_ZeroByteReadReturnsAtOnceAndBufferGoesWhenDelivered()
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var payload = RandomNumberGenerator.GetBytes(3000);
        var wire = await WriteAsync(VMessRequestOptions.ChunkStream, payload, complete: false, chunkSize: 1000);
        var inner = new TrickleStream();
        var framing = BodyFraming.Create(TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream, VMessCommand.Tcp);
        // The header read took the first chunk and a half with it; the rest comes from the inner stream.
        var split = 1018 + 500;
        using var reader = new VMessBodyReader(inner, framing, TestAeadSuite.Gcm.CreateOpener(_key, _iv), null, _key, _iv,
            wire.AsSpan(0, split), NullLogger.Instance, "request", TestAeadSuite.Gcm);
        Assert.True(reader.HoldsBuffer);

        var ready = reader.ReadAsync(Memory<byte>.Empty, timeout.Token);
        Assert.True(ready.IsCompletedSuccessfully);
        Assert.Equal(0, await ready);
        var buffer = new byte[5000];
        Assert.Equal(1000, await reader.ReadAsync(buffer, timeout.Token));
        // Half a chunk is still buffered: it stays while waiting for the rest.
        var waiting = reader.ReadAsync(Memory<byte>.Empty, timeout.Token).AsTask();
        Assert.Equal(0, await inner.PendingReads.Reader.ReadAsync(timeout.Token));
        Assert.True(reader.HoldsBuffer);
        inner.Push(wire[split..]);
        Assert.Equal(0, await waiting.WaitAsync(timeout.Token));
        var received = new MemoryStream();
        received.Write(buffer, 0, 1000);
        while (received.Length < payload.Length)
        {
            received.Write(buffer, 0, await reader.ReadAsync(buffer, timeout.Token));
        }

        Assert.Equal(payload, received.ToArray());
        Assert.False(reader.HoldsBuffer);
    }

    [Theory]
    [MemberData(nameof(OptionsAndPieces))]
    public async Task Reader_RandomSplitsWithZeroByteWaits_SameBytes(byte options, int maxPiece)
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var random = new Random(options * 1000 + maxPiece);
        var payload = RandomNumberGenerator.GetBytes(maxPiece == 1 ? 50_000 : 300_000);
        var wire = await WriteAsync((VMessRequestOptions)options, payload, complete: true, random: random);
        var inner = new TrickleStream();
        using var reader = Framings.Reader(inner, TestAeadSuite.Gcm, (VMessRequestOptions)options, _key, _iv);

        var feeding = FeedAsync(inner, wire, random, maxPiece, end: true);
        var received = await ReadLikeRelayAsync(reader, timeout.Token);
        await feeding;

        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(received));
        Assert.False(reader.HoldsBuffer);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(5000)]
    public async Task Reader_RandomSplits_TamperedSecondChunk_DeliversFirstThenThrows(int maxPiece)
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var wire = await WriteAsync(VMessRequestOptions.ChunkStream, new byte[3000], complete: true, chunkSize: 1000);
        wire[1018 + 10] ^= 0x40;
        var inner = new TrickleStream();
        using var reader = Framings.Reader(inner, TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream, _key, _iv);
        var feeding = FeedAsync(inner, wire, new Random(maxPiece), maxPiece, end: true);

        var delivered = new MemoryStream();
        var error = await Assert.ThrowsAsync<ProxyException>(() => ReadLikeRelayAsync(reader, timeout.Token, delivered));
        await feeding;

        Assert.Contains("authentication", error.Message);
        Assert.Equal(1000, delivered.Length);
        Assert.False(reader.HoldsBuffer);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(5000)]
    public async Task Reader_RandomSplits_TruncatedChunk_Throws(int maxPiece)
    {
        using var timeout = new CancellationTokenSource(s_testLimit);
        var wire = await WriteAsync(VMessRequestOptions.ChunkStream, new byte[3000], complete: false, chunkSize: 1000);
        var inner = new TrickleStream();
        using var reader = Framings.Reader(inner, TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream, _key, _iv);
        var feeding = FeedAsync(inner, wire[..2500], new Random(maxPiece), maxPiece, end: true);

        var error = await Assert.ThrowsAsync<ProxyException>(() => ReadLikeRelayAsync(reader, timeout.Token));
        await feeding;

        Assert.Contains("truncated", error.Message);
        Assert.False(reader.HoldsBuffer);
    }

    // Reads as the relay does: a zero-byte wait, then a 64 KiB read, until the end.
    private static async Task<byte[]> ReadLikeRelayAsync(VMessBodyReader reader, CancellationToken cancellationToken, MemoryStream? received = null)
    {
        received ??= new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            Assert.Equal(0, await reader.ReadAsync(Memory<byte>.Empty, cancellationToken));
            var read = await reader.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return received.ToArray();
            }

            received.Write(buffer, 0, read);
        }
    }

    // Pushes the wire in random pieces from another thread, now and then letting the reader catch up and wait.
    private static Task FeedAsync(TrickleStream inner, byte[] wire, Random random, int maxPiece, bool end) => Task.Run(async () =>
    {
        for (var offset = 0; offset < wire.Length;)
        {
            var length = Math.Min(wire.Length - offset, random.Next(1, maxPiece + 1));
            inner.Push(wire.AsSpan(offset, length).ToArray());
            offset += length;
            if (random.Next(8) == 0)
            {
                await Task.Yield();
            }
        }

        if (end)
        {
            inner.End();
        }
    });

    private async Task<byte[]> WriteAsync(
        VMessRequestOptions options, byte[] payload, bool complete, int chunkSize = VMessBodyWriter.DefaultChunkSize, Random? random = null)
    {
        var wire = new MemoryStream();
        using var writer = Framings.Writer(wire, TestAeadSuite.Gcm, options, _key, _iv, chunkSize);
        for (var offset = 0; offset < payload.Length;)
        {
            var length = random is null ? payload.Length : Math.Min(payload.Length - offset, random.Next(1, 100_000));
            await writer.WriteAsync(payload.AsMemory(offset, length), CancellationToken.None);
            offset += length;
        }

        if (complete)
        {
            await writer.CompleteAsync(CancellationToken.None);
        }

        return wire.ToArray();
    }
}
