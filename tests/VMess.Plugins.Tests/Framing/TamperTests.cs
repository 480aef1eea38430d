using System.Buffers.Binary;
using System.Security.Cryptography;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

public sealed class TamperTests
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] _iv = RandomNumberGenerator.GetBytes(16);

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x0d)]
    public async Task Read_SecondChunkTampered_ReturnsOnlyFirstChunkThenThrows(byte options)
    {
        var wire = await WriteChunksAsync((VMessRequestOptions)options, 3, 1000);
        var secondChunkStart = options == 0x01 ? 2 + 1016 : FindSecondChunk(wire, (VMessRequestOptions)options);
        wire[secondChunkStart + 10] ^= 0x40;

        using var reader = Framings.Reader(new MemoryStream(wire), TestAeadSuite.Gcm, (VMessRequestOptions)options, _key, _iv);
        var delivered = new MemoryStream();
        var buffer = new byte[100_000];
        var error = await Assert.ThrowsAsync<ProxyException>(async () =>
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                delivered.Write(buffer, 0, read);
            }
        });

        Assert.Contains("authentication", error.Message);
        Assert.Equal(1000, delivered.Length);
        await Assert.ThrowsAsync<ProxyException>(async () => await reader.ReadAsync(buffer, CancellationToken.None));
    }

    [Fact]
    public async Task Read_TruncatedChunk_Throws()
    {
        var wire = await WriteChunksAsync(VMessRequestOptions.ChunkStream, 1, 1000);
        using var reader = Framings.Reader(new MemoryStream(wire[..500]), TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream, _key, _iv);
        var error = await Assert.ThrowsAsync<ProxyException>(() => Framings.ReadAllAsync(reader));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public async Task Read_SizeBelowOverhead_Throws()
    {
        var wire = new byte[] { 0x00, 0x05, 1, 2, 3, 4, 5 };
        using var reader = Framings.Reader(new MemoryStream(wire), TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream, _key, _iv);
        var error = await Assert.ThrowsAsync<ProxyException>(() => Framings.ReadAllAsync(reader));
        Assert.Contains("smaller than its overhead", error.Message);
    }

    [Fact]
    public async Task Write_MoreThan65536Chunks_CounterWrapsAndStillRoundTrips()
    {
        var wire = await WriteChunksAsync(VMessRequestOptions.ChunkStream, 65540, 1);
        using var reader = Framings.Reader(new MemoryStream(wire), TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream, _key, _iv);
        var data = await Framings.ReadAllAsync(reader);
        Assert.Equal(65540, data.Length);
        Assert.Equal(65541, reader.ChunkCount);
    }

    private async Task<byte[]> WriteChunksAsync(VMessRequestOptions options, int count, int size)
    {
        var wire = new MemoryStream();
        using var writer = Framings.Writer(wire, TestAeadSuite.Gcm, options, _key, _iv, chunkSize: size);
        await writer.WriteAsync(new byte[count * size], CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);
        Assert.Equal(count + 1, writer.ChunkCount);
        return wire.ToArray();
    }

    private int FindSecondChunk(byte[] wire, VMessRequestOptions options)
    {
        var sponge = new VMessPlugins.VMess.Protocol.Framing.KeccakShake128(_iv);
        var padding = options.HasFlag(VMessRequestOptions.GlobalPadding) ? sponge.NextUInt16() % 64 : 0;
        _ = padding;
        var mask = sponge.NextUInt16();
        return 2 + (BinaryPrimitives.ReadUInt16BigEndian(wire) ^ mask);
    }
}
