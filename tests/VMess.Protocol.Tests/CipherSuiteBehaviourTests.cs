using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Cipher.Aes128Gcm;
using VMessPlugins.Plugins.Cipher.ChaCha20Poly1305;
using VMessPlugins.Plugins.Cipher.None;
using VMessPlugins.Plugins.Cipher.Zero;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class CipherSuiteBehaviourTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Iv = Convert.FromHexString("101112131415161718191a1b1c1d1e1f");

    public static TheoryData<byte> AeadSuites() => [3, 4];

    [Theory]
    [MemberData(nameof(AeadSuites))]
    public void TryOpen_AnyFlippedBit_ReturnsFalse(byte security)
    {
        var suite = CipherSuiteVectorTests.SuiteFor(security);
        var plaintext = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        var sealedChunk = new byte[plaintext.Length + suite.Overhead];
        using (var sealer = suite.CreateSealer(Key, Iv))
        {
            sealer.Seal(plaintext, sealedChunk);
        }

        for (var bit = 0; bit < sealedChunk.Length * 8; bit++)
        {
            var tampered = (byte[])sealedChunk.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            using var opener = suite.CreateOpener(Key, Iv);
            Assert.False(opener.TryOpen(tampered, new byte[plaintext.Length]), $"bit {bit}");
        }

        using var honest = suite.CreateOpener(Key, Iv);
        Assert.True(honest.TryOpen(sealedChunk, new byte[plaintext.Length]));
    }

    [Theory]
    [MemberData(nameof(AeadSuites))]
    public void TryOpen_ShorterThanTag_ReturnsFalse(byte security)
    {
        var suite = CipherSuiteVectorTests.SuiteFor(security);
        using var opener = suite.CreateOpener(Key, Iv);
        Assert.False(opener.TryOpen(new byte[15], new byte[16]));
    }

    [Theory]
    [MemberData(nameof(AeadSuites))]
    public void SealAndOpen_InPlace_RoundTrip(byte security)
    {
        var suite = CipherSuiteVectorTests.SuiteFor(security);
        var plaintext = Enumerable.Range(0, 16384).Select(i => (byte)(i * 7)).ToArray();
        var buffer = new byte[plaintext.Length + suite.Overhead];
        plaintext.CopyTo(buffer, 0);
        using var sealer = suite.CreateSealer(Key, Iv);
        using var opener = suite.CreateOpener(Key, Iv);

        sealer.Seal(buffer.AsSpan(0, plaintext.Length), buffer);
        Assert.NotEqual(plaintext, buffer.AsSpan(0, plaintext.Length).ToArray());
        Assert.True(opener.TryOpen(buffer, buffer));

        Assert.Equal(plaintext, buffer.AsSpan(0, plaintext.Length).ToArray());
    }

    [Theory]
    [MemberData(nameof(AeadSuites))]
    public void Seal_After65536Chunks_ReusesTheFirstNonce(byte security)
    {
        var suite = CipherSuiteVectorTests.SuiteFor(security);
        using var sealer = suite.CreateSealer(Key, Iv);
        var first = new byte[suite.Overhead];
        var current = new byte[suite.Overhead];
        sealer.Seal([], first);
        for (var i = 1; i < 65536; i++)
        {
            sealer.Seal([], current);
        }

        sealer.Seal([], current);

        Assert.Equal(first, current);
    }

    [Fact]
    public void ExpandKey_PrimitiveVectors_MatchGo()
    {
        foreach (var vector in Vectors.Load("primitives.json").GetProperty("chacha20_key_expansion").GetProperty("vectors").EnumerateArray())
        {
            Assert.Equal(vector.Hex("chacha20_key32"), ChaChaChunkNonce.ExpandKey(vector.Hex("key16")));
        }
    }

    [Fact]
    public void Next_ChunkNonceVectors_IncludingTheWrap_MatchGo()
    {
        var section = Vectors.Load("primitives.json").GetProperty("chunk_nonce");
        var expected = section.GetProperty("nonces").EnumerateArray()
            .ToDictionary(n => n.GetProperty("chunk_index").GetInt32(), n => n.GetProperty("nonce").GetString());
        var gcm = new GcmChunkNonce(new byte[16], section.Hex("iv"));
        var chacha = new ChaChaChunkNonce(section.Hex("iv"));
        var nonce = new byte[12];
        for (var index = 0; index <= expected.Keys.Max(); index++)
        {
            gcm.Next(nonce);
            var gcmNonce = Convert.ToHexStringLower(nonce);
            chacha.Next(nonce);
            if (expected.TryGetValue(index, out var hex))
            {
                Assert.Equal(hex, gcmNonce);
                Assert.Equal(hex, Convert.ToHexStringLower(nonce));
            }
        }

        Assert.Contains(65536, expected.Keys);
    }

    [Fact]
    public void Suites_Metadata_MatchTheWire()
    {
        IVMessCipherSuite gcm = new Aes128GcmSuite(), chacha = new ChaChaSuite(), none = new NoneSuite(), zero = new ZeroSuite();
        Assert.Equal(("aes-128-gcm", (byte)3, 16, false, false, (byte)0x0d), Describe(gcm));
        Assert.Equal(("chacha20-poly1305", (byte)4, 16, false, false, (byte)0x0d), Describe(chacha));
        Assert.Equal(("none", (byte)5, 0, true, false, (byte)0x05), Describe(none));
        Assert.Equal(("zero", (byte)5, 0, true, true, (byte)0x00), Describe(zero));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PassThrough_CopiesOrWorksInPlace(bool zero)
    {
        IVMessCipherSuite suite = zero ? new ZeroSuite() : new NoneSuite();
        var data = new byte[] { 1, 2, 3, 4, 5 };
        var output = new byte[5];
        using var sealer = suite.CreateSealer(Key, Iv);
        using var opener = suite.CreateOpener(Key, Iv);

        sealer.Seal(data, output);
        Assert.Equal(data, output);
        Assert.True(opener.TryOpen(output, output));
        Assert.Equal(data, output);
        Assert.False(opener.TryOpen(data, new byte[4]));
    }

    private static (string, byte, int, bool, bool, byte) Describe(IVMessCipherSuite suite) =>
        (suite.Name, suite.SecurityType, suite.Overhead, suite.IsInsecure, suite.IsWireAlias, (byte)suite.ClientOptions);
}
