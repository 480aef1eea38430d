using System.Security.Cryptography;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

public sealed class BodyVectorTests
{
    private static readonly string[] Files = ["body_aes128gcm.json", "body_chacha20poly1305.json", "body_none.json"];

    public static TheoryData<string, int> AllVectors()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Files)
        {
            var vectors = BodyVector.Load(file);
            for (var i = 0; i < vectors.Count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public async Task Reader_V2RayWire_ReturnsPayload(string file, int index)
    {
        var vector = BodyVector.Load(file)[index];
        if (vector.WireHex is null)
        {
            // Long wires are stored as a digest only: rebuild them with our writer, check the digest, then read.
            var rebuilt = await WriteLikeV2RayAsync(vector);
            Assert.Equal(vector.WireLength, rebuilt.Length);
            if (!vector.Chunks.Any(c => c.PaddingLength > 0))
            {
                Assert.Equal(vector.WireSha256, Convert.ToHexStringLower(SHA256.HashData(rebuilt)));
            }

            using var rebuiltReader = Framings.Reader(new MemoryStream(rebuilt), Suites.ByName(vector.Security), vector.Options, vector.Key, vector.Iv);
            Assert.Equal(vector.Payload, await Framings.ReadAllAsync(rebuiltReader));
            return;
        }

        using var reader = Framings.Reader(new MemoryStream(vector.WireHex), Suites.ByName(vector.Security), vector.Options, vector.Key, vector.Iv);
        Assert.Equal(vector.Payload, await Framings.ReadAllAsync(reader, 37));
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public async Task Writer_V2RayChunkSizes_ProducesVectorWireApartFromPaddingBytes(string file, int index)
    {
        var vector = BodyVector.Load(file)[index];
        var ours = await WriteLikeV2RayAsync(vector);

        Assert.Equal(vector.WireLength, ours.Length);
        var expectedPrefix = vector.WireHex ?? vector.WireFirst64;
        var actualPrefix = ours[..expectedPrefix.Length];
        BlankPadding(vector, expectedPrefix);
        BlankPadding(vector, actualPrefix);
        Assert.Equal(Convert.ToHexString(expectedPrefix), Convert.ToHexString(actualPrefix));
        if (!vector.Chunks.Any(c => c.PaddingLength > 0))
        {
            Assert.Equal(vector.WireSha256, Convert.ToHexStringLower(SHA256.HashData(ours)));
        }
    }

    // Writes the payload cut exactly where v2ray cut it, then ends the stream as the vector did.
    private static async Task<byte[]> WriteLikeV2RayAsync(BodyVector vector)
    {
        var output = new MemoryStream();
        var payload = vector.Payload;
        using var writer = Framings.Writer(output, Suites.ByName(vector.Security), vector.Options, vector.Key, vector.Iv, chunkSize: 65000);
        var dataChunks = vector.Chunks.Where(c => !c.EndOfStream).ToList();
        if (dataChunks.Count == 0)
        {
            await writer.WriteAsync(payload, CancellationToken.None);
        }

        var offset = 0;
        foreach (var chunk in dataChunks)
        {
            await writer.WriteAsync(payload.AsMemory(offset, chunk.DataLength), CancellationToken.None);
            offset += chunk.DataLength;
        }

        if (vector.EndOfStream)
        {
            await writer.CompleteAsync(CancellationToken.None);
        }

        return output.ToArray();
    }

    private static void BlankPadding(BodyVector vector, byte[] wire)
    {
        foreach (var chunk in vector.Chunks)
        {
            var start = chunk.Offset + 2 + chunk.SealedLength;
            for (var i = start; i < start + chunk.PaddingLength && i < wire.Length; i++)
            {
                wire[i] = 0;
            }
        }
    }
}
