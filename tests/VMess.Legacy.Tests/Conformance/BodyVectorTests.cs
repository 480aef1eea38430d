using System.Security.Cryptography;
using System.Text.Json;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

/// <summary>body_legacy.json through D's framing with the aes-128-cfb suite (fresh CFB per direction: AEAD-header session).</summary>
public sealed class BodyVectorTests
{
    public static TheoryData<string> Names() =>
        [.. Vectors.Load("body_legacy.json").GetProperty("vectors").EnumerateArray().Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Writer_V2RayChunkCuts_ProducesV2RayWireApartFromPaddingBytes(string name)
    {
        var vector = Vectors.Named("body_legacy.json", name);
        var ours = await WriteLikeV2RayAsync(vector);
        var wire = vector.GetProperty("wire");

        Assert.Equal(wire.GetProperty("len").GetInt32(), ours.Length);
        if (Chunks(vector).All(c => PaddingLength(c) == 0))
        {
            Assert.Equal(wire.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(ours)));
            return;
        }

        // Padding is random and sits inside the CFB stream: compare the framed plaintext with the padding blanked.
        // Long wires are stored as their first 64 bytes; CFB decryption of a prefix needs only that prefix.
        var theirs = wire.TryGetProperty("hex", out var hex) ? hex.Hex() : wire.Hex("first64_hex");
        var expected = BlankPadding(vector, LegacyFramings.DecryptStream(theirs, vector.Hex("key"), vector.Hex("iv")));
        var actual = BlankPadding(vector, LegacyFramings.DecryptStream(ours[..theirs.Length], vector.Hex("key"), vector.Hex("iv")));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Reader_V2RayWire_ReturnsPayload(string name)
    {
        var vector = Vectors.Named("body_legacy.json", name);
        var payload = Vectors.Pattern(vector.GetProperty("payload").GetProperty("len").GetInt32());
        var wire = vector.GetProperty("wire").TryGetProperty("hex", out var hex) ? hex.Hex() : await WriteLikeV2RayAsync(vector);

        using var reader = LegacyFramings.Reader(new MemoryStream(wire), Options(vector), vector.Hex("key"), vector.Hex("iv"));

        Assert.Equal(payload, await LegacyFramings.ReadAllAsync(reader, 37));
    }

    private static async Task<byte[]> WriteLikeV2RayAsync(JsonElement vector)
    {
        var output = new MemoryStream();
        var payload = Vectors.Pattern(vector.GetProperty("payload").GetProperty("len").GetInt32());
        using var writer = LegacyFramings.Writer(output, Options(vector), vector.Hex("key"), vector.Hex("iv"));
        var dataChunks = Chunks(vector).Where(c => !c.GetProperty("end_of_stream").GetBoolean()).ToList();
        if (dataChunks.Count == 0)
        {
            await writer.WriteAsync(payload, CancellationToken.None);
        }

        var offset = 0;
        foreach (var chunk in dataChunks)
        {
            var length = chunk.GetProperty("data_len").GetInt32();
            await writer.WriteAsync(payload.AsMemory(offset, length), CancellationToken.None);
            offset += length;
        }

        if (vector.GetProperty("end_of_stream_written").GetBoolean())
        {
            await writer.CompleteAsync(CancellationToken.None);
        }

        return output.ToArray();
    }

    private static VMessRequestOptions Options(JsonElement vector) =>
        (VMessRequestOptions)Convert.ToByte(vector.GetProperty("options").GetString(), 16);

    private static IEnumerable<JsonElement> Chunks(JsonElement vector) =>
        vector.TryGetProperty("chunks", out var chunks) ? chunks.EnumerateArray() : [];

    private static int PaddingLength(JsonElement chunk) => chunk.TryGetProperty("padding_len", out var p) ? p.GetInt32() : 0;

    private static byte[] BlankPadding(JsonElement vector, byte[] framed)
    {
        foreach (var chunk in Chunks(vector))
        {
            var start = chunk.GetProperty("offset").GetInt32() + 2 + chunk.GetProperty("sealed_len").GetInt32();
            var end = Math.Min(start + PaddingLength(chunk), framed.Length);
            if (start < end)
            {
                framed.AsSpan(start, end - start).Clear();
            }
        }

        return framed;
    }
}
