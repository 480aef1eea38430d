using System.Security.Cryptography;
using System.Text.Json;
using VMessPlugins.Tests.VMess.Mux.Tests.Support;
using VMessPlugins.VMess.Protocol.Mux;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Codec;

/// <summary>Every frame of mux.json "frames": decoded field by field, and re-encoded byte for byte.</summary>
public sealed class FrameVectorTests
{
    public static TheoryData<string> FrameGroups => MuxVectors.Names("frames");

    [Theory]
    [MemberData(nameof(FrameGroups))]
    public async Task ReadAsync_VectorFrames_DecodeAsV2RayDid(string name)
    {
        var group = MuxVectors.Named("frames", name);
        var wire = WireOf(group);
        using var reader = new MuxFrameReader(new MemoryStream(wire));
        foreach (var expected in group.GetProperty("frames").EnumerateArray())
        {
            var frame = await reader.ReadAsync(CancellationToken.None);
            Assert.NotNull(frame);
            AssertDecoded(expected.GetProperty("decoded_by_v2ray"), frame.Value);
        }

        Assert.Null(await reader.ReadAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(FrameGroups))]
    public async Task WriteFrameAsync_DecodedFields_ReproduceTheWireBytes(string name)
    {
        var group = MuxVectors.Named("frames", name);
        var wire = WireOf(group);
        var output = new MemoryStream();
        using var writer = new MuxFrameWriter(output);
        using var reader = new MuxFrameReader(new MemoryStream(wire));
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
        {
            var metadata = frame.Metadata;
            ReadOnlyMemory<byte>? data = metadata.HasData ? frame.Data.ToArray() : (ReadOnlyMemory<byte>?)null;
            await writer.WriteFrameAsync(metadata.SessionId, (MuxStatus)metadata.Status, metadata.Option & ~MuxOption.Data, metadata.Target, data, CancellationToken.None);
        }

        Assert.Equal(Convert.ToHexString(wire), Convert.ToHexString(output.ToArray()));
    }

    [Fact]
    public async Task WriteStreamAsync_20000Bytes_SplitsLikeV2Ray()
    {
        var group = MuxVectors.Named("frames", "keep_tcp_20000_bytes_split");
        var data = Pattern(20000);
        var output = new MemoryStream();
        using (var writer = new MuxFrameWriter(output))
        {
            await writer.WriteStreamAsync(5, MuxStatus.Keep, null, data, CancellationToken.None);
        }

        var wire = output.ToArray();
        var offset = 0;
        foreach (var expected in group.GetProperty("frames").EnumerateArray())
        {
            var length = expected.GetProperty("wire").GetProperty("len").GetInt32();
            var frameBytes = wire.AsSpan(offset, length);
            Assert.Equal(expected.GetProperty("wire").GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(frameBytes)));
            offset += length;
        }

        Assert.Equal(wire.Length, offset);
        using var reader = new MuxFrameReader(new MemoryStream(wire));
        var received = new List<byte>();
        while (await reader.ReadAsync(CancellationToken.None) is { } frame)
        {
            received.AddRange(frame.Data.ToArray());
        }

        Assert.Equal(data, received.ToArray());
    }

    internal static void AssertDecoded(JsonElement decoded, MuxFrame frame)
    {
        var metadata = frame.Metadata;
        Assert.Equal(decoded.GetProperty("SessionID").GetInt32(), metadata.SessionId);
        Assert.Equal(decoded.GetProperty("SessionStatus").GetInt32(), metadata.Status);
        Assert.Equal(decoded.GetProperty("Option").GetInt32(), (int)metadata.Option);
        if (decoded.TryGetProperty("Target", out var target))
        {
            Assert.Equal(target.GetString(), metadata.Target?.ToString());
        }
        else
        {
            Assert.Null(metadata.Target);
        }

        if (decoded.TryGetProperty("data", out var data))
        {
            Assert.Equal(data.GetProperty("len").GetInt32(), frame.Data.Length);
            if (data.TryGetProperty("hex", out var hex))
            {
                Assert.Equal(hex.GetString(), Convert.ToHexStringLower(frame.Data.Span));
            }

            if (data.TryGetProperty("sha256", out var sha))
            {
                Assert.Equal(sha.GetString(), Convert.ToHexStringLower(SHA256.HashData(frame.Data.Span)));
            }
        }
        else
        {
            Assert.True(frame.Data.IsEmpty);
        }
    }

    internal static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (byte)(i % 251);
        }

        return data;
    }

    private static byte[] WireOf(JsonElement group)
    {
        var frames = group.GetProperty("frames").EnumerateArray().ToArray();
        if (frames.All(f => f.GetProperty("wire").TryGetProperty("hex", out _)))
        {
            return frames.SelectMany(f => MuxVectors.Hex(f.GetProperty("wire").GetProperty("hex").GetString())).ToArray();
        }

        // Only the 20000-byte split is given by hash: rebuild it from its parts (checked against the hashes).
        var data = Pattern(20000);
        var wire = new List<byte>();
        var offset = 0;
        foreach (var frame in frames)
        {
            var length = frame.GetProperty("data").GetProperty("length").GetProperty("value").GetInt32();
            wire.AddRange(MuxVectors.Hex(frame.GetProperty("metadata_length").GetProperty("hex").GetString()));
            wire.AddRange(MuxVectors.Hex(frame.GetProperty("metadata_hex").GetString()));
            wire.AddRange(MuxVectors.Hex(frame.GetProperty("data").GetProperty("length").GetProperty("hex").GetString()));
            wire.AddRange(data.AsSpan(offset, length).ToArray());
            offset += length;
        }

        return [.. wire];
    }
}
