using System.Security.Cryptography;
using System.Text.Json;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Cipher.Aes128Gcm;
using VMessPlugins.Plugins.Cipher.ChaCha20Poly1305;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class CipherSuiteVectorTests
{
    public static TheoryData<string, int> BodyVectors()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "body_aes128gcm.json", "body_chacha20poly1305.json" })
        {
            var count = Vectors.Load(file).GetProperty("vectors").GetArrayLength();
            for (var i = 0; i < count; i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BodyVectors))]
    public void Seal_BodyVectorChunks_RebuildTheWireExactly(string file, int index)
    {
        var vector = Vectors.Load(file).GetProperty("vectors")[index];
        var suite = SuiteFor(vector.GetProperty("security_value").GetByte());
        AssertWire(vector.GetProperty("wire"), SealAllChunks(vector, suite));
    }

    [Theory]
    [MemberData(nameof(BodyVectors))]
    public void TryOpen_BodyVectorChunks_GivesThePayload(string file, int index)
    {
        var vector = Vectors.Load(file).GetProperty("vectors")[index];
        var suite = SuiteFor(vector.GetProperty("security_value").GetByte());
        var payload = Payload(vector.GetProperty("payload"));
        var wire = RebuildWire(vector, suite);
        using var opener = suite.CreateOpener(vector.Hex("key"), vector.Hex("iv"));
        var opened = new List<byte>();
        foreach (var chunk in vector.GetProperty("chunks").EnumerateArray())
        {
            var start = chunk.GetProperty("offset").GetInt32() + 2;
            var sealedChunk = wire.AsSpan(start, chunk.GetProperty("sealed_len").GetInt32());
            var plaintext = new byte[sealedChunk.Length - suite.Overhead];
            Assert.True(opener.TryOpen(sealedChunk, plaintext));
            opened.AddRange(plaintext);
        }

        Assert.Equal(payload, opened.ToArray());
    }

    internal static IVMessCipherSuite SuiteFor(byte security) => security switch
    {
        3 => new Aes128GcmSuite(),
        4 => new ChaChaSuite(),
        _ => throw new ArgumentOutOfRangeException(nameof(security)),
    };

    private static byte[] Payload(JsonElement payload)
    {
        var bytes = new byte[payload.GetProperty("len").GetInt32()];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i % 251);
        }

        if (payload.TryGetProperty("hex", out var hex))
        {
            Assert.Equal(hex.Hex(), bytes);
        }
        else
        {
            Assert.Equal(payload.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        return bytes;
    }

    // The wire itself is only stored in full up to 4096 bytes; beyond that, rebuild it with a fresh sealer
    // (checked against the stored SHA-256 by the sealing test).
    private static byte[] RebuildWire(JsonElement vector, IVMessCipherSuite suite)
    {
        var stored = vector.GetProperty("wire");
        if (stored.TryGetProperty("hex", out var hex))
        {
            return hex.Hex();
        }

        var rebuilt = SealAllChunks(vector, suite);
        AssertWire(stored, rebuilt);
        return rebuilt;
    }

    // size field || sealed data || padding, for every chunk the vector annotates.
    private static byte[] SealAllChunks(JsonElement vector, IVMessCipherSuite suite)
    {
        var payload = Payload(vector.GetProperty("payload"));
        using var sealer = suite.CreateSealer(vector.Hex("key"), vector.Hex("iv"));
        var wire = new List<byte>();
        var dataOffset = 0;
        foreach (var chunk in vector.GetProperty("chunks").EnumerateArray())
        {
            var dataLength = chunk.GetProperty("data_len").GetInt32();
            var sealedChunk = new byte[dataLength + suite.Overhead];
            sealer.Seal(payload.AsSpan(dataOffset, dataLength), sealedChunk);
            dataOffset += dataLength;
            wire.AddRange(chunk.Hex("size_field"));
            wire.AddRange(sealedChunk);
            if (chunk.TryGetProperty("padding", out var padding))
            {
                wire.AddRange(padding.Hex());
            }
        }

        return wire.ToArray();
    }

    private static void AssertWire(JsonElement stored, byte[] wire)
    {
        Assert.Equal(stored.GetProperty("len").GetInt32(), wire.Length);
        if (stored.TryGetProperty("hex", out var hex))
        {
            Assert.Equal(hex.GetString(), Convert.ToHexStringLower(wire));
        }
        else
        {
            Assert.Equal(stored.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(wire)));
            Assert.Equal(stored.GetProperty("first64_hex").GetString(), Convert.ToHexStringLower(wire.AsSpan(0, 64)));
        }
    }
}
