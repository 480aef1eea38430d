using System.Buffers.Binary;
using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

public sealed class ChunkSizeTests
{
    private const int Tag = 16;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(16);
    private readonly byte[] _iv = RandomNumberGenerator.GetBytes(16);

    [Fact]
    public async Task Write_SixtyFourKiB_TwoEqualChunksNotAFullOneAndASliver()
    {
        var wire = new MemoryStream();
        using var writer = Framings.Writer(wire, TestAeadSuite.Gcm, VMessRequestOptions.ChunkStream, _key, _iv);

        await writer.WriteAsync(new byte[65536], CancellationToken.None);

        Assert.Equal(2, writer.ChunkCount);
        var bytes = wire.ToArray();
        var first = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        var second = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2 + first));
        Assert.Equal(32768 + Tag, first);
        Assert.Equal(32768 + Tag, second);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x0d)]
    public async Task Write_DefaultChunks_AreAsLargeAsTheSizeFieldAllowsAndRoundTrip(byte options)
    {
        // The size field is 16 bits and must leave room for the tag and the largest padding.
        const int largest = ushort.MaxValue - Tag - 63;
        var data = RandomNumberGenerator.GetBytes(largest + 1);
        var wire = new MemoryStream();
        using var writer = Framings.Writer(wire, TestAeadSuite.Gcm, (VMessRequestOptions)options, _key, _iv);

        await writer.WriteAsync(data.AsMemory(0, largest), CancellationToken.None);
        Assert.Equal(1, writer.ChunkCount);
        await writer.WriteAsync(data.AsMemory(0, largest + 1), CancellationToken.None);
        Assert.Equal(3, writer.ChunkCount);
        await writer.CompleteAsync(CancellationToken.None);

        using var reader = Framings.Reader(new MemoryStream(wire.ToArray()), TestAeadSuite.Gcm, (VMessRequestOptions)options, _key, _iv);
        var read = await Framings.ReadAllAsync(reader, bufferSize: 100_000);
        Assert.Equal([.. data.AsSpan(0, largest), .. data], read);
    }
}
