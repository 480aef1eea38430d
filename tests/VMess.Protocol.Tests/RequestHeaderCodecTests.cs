using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class RequestHeaderCodecTests
{
    public static TheoryData<string> Names() => [.. RequestVectors.All().Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_VectorFields_GivesThePlaintextHeader(string name)
    {
        var vector = RequestVectors.Named(name);
        var request = RequestVectors.Request(vector);
        var buffer = new byte[VMessRequestHeaderCodec.MaxLength];

        var length = VMessRequestHeaderCodec.Encode(request, RequestVectors.Padding(vector), buffer);

        Assert.Equal(vector.GetProperty("plaintext_header").GetString(), Convert.ToHexStringLower(buffer.AsSpan(0, length)));
        Assert.Equal(length, VMessRequestHeaderCodec.GetLength(request));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_VectorPlaintext_GivesTheFields(string name)
    {
        var vector = RequestVectors.Named(name);
        var expected = RequestVectors.Request(vector);
        var plaintext = vector.Hex("plaintext_header");
        var request = new VMessRequest();

        var result = VMessRequestHeaderCodec.Decode(plaintext, request);

        Assert.Equal(PlaintextDecodeResult.Decoded(plaintext.Length), result);
        Assert.Equal(expected.BodyKey, request.BodyKey);
        Assert.Equal(expected.BodyIV, request.BodyIV);
        Assert.Equal(expected.ResponseAuth, request.ResponseAuth);
        Assert.Equal(expected.Options, request.Options);
        Assert.Equal(expected.Security, request.Security);
        Assert.Equal(expected.Command, request.Command);
        Assert.Equal(expected.Destination, request.Destination);
        Assert.Equal(expected.PaddingLength, request.PaddingLength);
    }

    [Fact]
    public void Decode_EveryTruncation_NeedsMoreThanItHas()
    {
        var plaintext = RequestVectors.Named("tcp-domain-aes128gcm").Hex("plaintext_header");
        for (var length = 0; length < plaintext.Length; length++)
        {
            var result = VMessRequestHeaderCodec.Decode(plaintext.AsSpan(0, length), new VMessRequest());
            Assert.Equal(PlaintextDecodeStatus.NeedMoreData, result.Status);
            Assert.True(result.Length > length && result.Length <= plaintext.Length);
        }
    }

    [Fact]
    public void Decode_SecurityZero_MeansLegacy()
    {
        var request = new VMessRequest();
        Assert.True(VMessRequestHeaderCodec.Decode(Build(h => h[35] = 0x00), request).IsDecoded);
        Assert.Equal(1, request.Security);
    }

    [Theory]
    [InlineData("security 2", "unknown security type 2")]
    [InlineData("security 6", "unknown security type 6")]
    [InlineData("security 15", "unknown security type 15")]
    [InlineData("command 0", "unknown command 0")]
    [InlineData("command 4", "unknown command 4")]
    [InlineData("address type 4", "unknown address type 4")]
    [InlineData("address type 0", "unknown address type 0")]
    [InlineData("port 0", "destination port 0")]
    [InlineData("padding without masking", "option GlobalPadding (0x08) requires ChunkMasking (0x04)")]
    [InlineData("bad checksum", "request header checksum (FNV-1a) mismatch")]
    [InlineData("domain with space", "invalid domain name in the request header")]
    [InlineData("domain with slash", "invalid domain name in the request header")]
    [InlineData("empty domain", "invalid domain name in the request header")]
    public void Decode_InvalidField_IsInvalidWithReason(string change, string reason)
    {
        var header = change switch
        {
            "security 2" => Build(h => h[35] = 0x02),
            "security 6" => Build(h => h[35] = 0x06),
            "security 15" => Build(h => h[35] = 0x0f),
            "command 0" => Build(h => h[37] = 0),
            "command 4" => Build(h => h[37] = 4),
            "address type 4" => Build(h => h[40] = 4),
            "address type 0" => Build(h => h[40] = 0),
            "port 0" => Build(h => h[38] = h[39] = 0),
            "padding without masking" => Build(h => h[34] = 0x09),
            "bad checksum" => Build(h => { }, corruptChecksum: true),
            "domain with space" => Build(h => h[43] = (byte)' '),
            "domain with slash" => Build(h => h[43] = (byte)'/'),
            "empty domain" => EmptyDomain(),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var request = new VMessRequest();
        var result = VMessRequestHeaderCodec.Decode(header, request);

        Assert.Equal(PlaintextDecodeResult.Invalid(reason), result);
        Assert.Null(request.User);
    }

    [Theory]
    [InlineData("1.2.3.4", AddressKind.IPv4)]
    [InlineData("[2001:db8::1]", AddressKind.IPv6)]
    [InlineData("2001:db8::1", AddressKind.IPv6)]
    [InlineData("123.example", AddressKind.Domain)]
    [InlineData("a_b-c.example", AddressKind.Domain)]
    public void Decode_DomainField_ParsesIpLiteralsLikeV2Ray(string domain, AddressKind kind)
    {
        var request = new VMessRequest();
        Assert.True(VMessRequestHeaderCodec.Decode(WithDomain(domain), request).IsDecoded);
        Assert.Equal(kind, request.Destination.Address.Kind);
    }

    [Fact]
    public void Decode_Ipv4MappedIpv6_BecomesIpv4()
    {
        var request = SampleRequest();
        request.Destination = Destination.Tcp(Address.FromIp(System.Net.IPAddress.Parse("2001:db8::1")), 443);
        var header = new byte[VMessRequestHeaderCodec.MaxLength];
        var length = VMessRequestHeaderCodec.Encode(request, [], header);
        System.Net.IPAddress.Parse("::ffff:10.1.2.3").GetAddressBytes().CopyTo(header, 41);
        FixChecksum(header.AsSpan(0, length));

        var decoded = new VMessRequest();
        Assert.True(VMessRequestHeaderCodec.Decode(header.AsSpan(0, length), decoded).IsDecoded);
        Assert.Equal("10.1.2.3", decoded.Destination.Address.ToString());
    }

    [Fact]
    public void Decode_RandomBytes_NeverThrows()
    {
        var random = new Random(1234);
        for (var i = 0; i < 20000; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            _ = VMessRequestHeaderCodec.Decode(bytes, new VMessRequest());
        }

        // The same bytes with a valid checksum exercise the field checks rather than stopping at the FNV.
        for (var i = 0; i < 20000; i++)
        {
            var bytes = new byte[random.Next(42, 400)];
            random.NextBytes(bytes);
            FixChecksum(bytes);
            var result = VMessRequestHeaderCodec.Decode(bytes, new VMessRequest());
            Assert.True(result.Status != PlaintextDecodeStatus.Invalid || result.Error is not null);
        }
    }

    private static VMessRequest SampleRequest() => new()
    {
        BodyIV = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(),
        BodyKey = Enumerable.Range(16, 16).Select(i => (byte)i).ToArray(),
        ResponseAuth = 0x42,
        Options = VMessRequestOptions.ChunkStream | VMessRequestOptions.ChunkMasking | VMessRequestOptions.GlobalPadding,
        Security = 3,
        Command = VMessCommand.Tcp,
        Destination = Destination.Tcp(Address.FromDomain("www.example.com"), 443),
    };

    private static byte[] Build(Action<byte[]> change, bool corruptChecksum = false)
    {
        var header = new byte[VMessRequestHeaderCodec.MaxLength];
        var length = VMessRequestHeaderCodec.Encode(SampleRequest(), [], header);
        header = header[..length];
        change(header);
        FixChecksum(header);
        if (corruptChecksum)
        {
            header[^1] ^= 1;
        }

        return header;
    }

    private static byte[] WithDomain(string domain)
    {
        var request = SampleRequest();
        request.Destination = Destination.Tcp(Address.FromDomain(domain), 443);
        var header = new byte[VMessRequestHeaderCodec.MaxLength];
        return header[..VMessRequestHeaderCodec.Encode(request, [], header)];
    }

    private static byte[] EmptyDomain()
    {
        // fixed part, port, type 2, length 0, checksum
        var header = Build(h => { })[..42];
        header[41] = 0;
        byte[] withChecksum = [.. header, 0, 0, 0, 0];
        FixChecksum(withChecksum);
        return withChecksum;
    }

    private static void FixChecksum(Span<byte> header) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header[^4..], Fnv1a.Hash(header[..^4]));
}
