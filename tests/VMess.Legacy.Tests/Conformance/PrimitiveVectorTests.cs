using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Conformance;

public sealed class PrimitiveVectorTests
{
    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 7, 33 })]
    [InlineData(new[] { 1, 15, 16, 17 })]
    [InlineData(new[] { 16, 16 })]
    public void StreamTransform_CfbSampleInPieces_MatchesV2Ray(int[] cuts)
    {
        var vector = Vectors.Load("primitives.json").GetProperty("aes_128_cfb");
        var plaintext = vector.Hex("plaintext");
        var expected = vector.GetProperty("ciphertext").GetString();

        var encrypted = Transform(plaintext, vector.Hex("key"), vector.Hex("iv"), encrypt: true, cuts);
        var decrypted = Transform(encrypted, vector.Hex("key"), vector.Hex("iv"), encrypt: false, cuts);

        Assert.Equal(expected, Convert.ToHexStringLower(encrypted));
        Assert.Equal(Convert.ToHexStringLower(plaintext), Convert.ToHexStringLower(decrypted));
    }

    [Fact]
    public void Sealer_Data_PrefixesBigEndianFnvAndOpenerChecksIt()
    {
        var data = "foobar"u8.ToArray();
        var sealedChunk = new byte[data.Length + LegacyKit.Suite.Overhead];
        using var sealer = LegacyKit.Suite.CreateSealer(new byte[16], new byte[16]);
        using var opener = LegacyKit.Suite.CreateOpener(new byte[16], new byte[16]);

        sealer.Seal(data, sealedChunk);
        var opened = new byte[data.Length];
        var good = opener.TryOpen(sealedChunk, opened);
        sealedChunk[^1] ^= 1;
        var tampered = opener.TryOpen(sealedChunk, opened);

        Assert.Equal("bf9cf968666f6f626172", Convert.ToHexStringLower(sealedChunk[..4]) + Convert.ToHexStringLower(data));
        Assert.True(good);
        Assert.False(tampered);
        Assert.False(opener.TryOpen(new byte[3], opened));
    }

    private static byte[] Transform(byte[] input, byte[] key, byte[] iv, bool encrypt, int[] cuts)
    {
        var output = input.ToArray();
        using var transform = LegacyKit.Suite.CreateStreamTransform(key, iv, encrypt)!;
        var position = 0;
        foreach (var cut in cuts)
        {
            var length = Math.Min(cut, output.Length - position);
            transform.Transform(output.AsSpan(position, length));
            position += length;
        }

        transform.Transform(output.AsSpan(position));
        return output;
    }
}
