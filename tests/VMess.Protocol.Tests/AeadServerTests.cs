using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Aead;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class AeadServerTests
{
    private static readonly VMessUser Alice = RequestVectors.User(RequestVectors.Named("tcp-domain-aes128gcm"));
    private static readonly VMessUser Bob = new(Convert.FromHexString("de305d5475b4431badb2eb6b9e546014"), "bob@example.com", 1, 0);

    [Theory]
    [InlineData(-120)]
    [InlineData(0)]
    [InlineData(120)]
    public void ReadRequest_ClockDifferenceWithinWindow_Accepts(int offset)
    {
        var (server, _) = AeadTestServer.Create(Alice);
        var header = Seal(Alice, RequestVectors.FixedTime + offset);

        Assert.Equal(VMessHeaderReadResult.Accept(header.Length), server.ReadRequest(header, new VMessRequest()));
    }

    [Theory]
    [InlineData(121, "client clock is 121 s ahead of the server; VMess allows 120 s")]
    [InlineData(153, "client clock is 153 s ahead of the server; VMess allows 120 s")]
    [InlineData(-121, "client clock is 121 s behind the server; VMess allows 120 s")]
    [InlineData(-86400, "client clock is 86400 s behind the server; VMess allows 120 s")]
    public void ReadRequest_ClockDifferenceOutsideWindow_RejectsNamingTheUser(int offset, string reason)
    {
        var (server, _) = AeadTestServer.Create(Bob, Alice);
        var header = Seal(Alice, RequestVectors.FixedTime + offset);

        Assert.Equal(VMessHeaderReadResult.Reject(reason, Alice), server.ReadRequest(header, new VMessRequest()));
    }

    [Fact]
    public void ReadRequest_NegativeTime_Rejects()
    {
        var (server, _) = AeadTestServer.Create(Alice);
        var result = server.ReadRequest(Seal(Alice, -5), new VMessRequest());

        Assert.Equal(VMessHeaderReadResult.Reject("AuthID time is negative", Alice), result);
    }

    [Fact]
    public void ReadRequest_Replayed_RejectsAsReplay()
    {
        var (server, _) = AeadTestServer.Create(Alice);
        var header = Seal(Alice, RequestVectors.FixedTime);

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(header, new VMessRequest()).Status);
        Assert.Equal(VMessHeaderReadResult.Reject("replayed request", Alice), server.ReadRequest(header, new VMessRequest()));
    }

    [Fact]
    public void ReadRequest_ReplayedAtTheFarEdgeOfTheWindow_StillRefused()
    {
        // Client 120 s ahead, replayed 240 s later when the AuthID is 120 s behind: still inside the window.
        var (server, clock) = AeadTestServer.Create(Alice);
        var header = Seal(Alice, RequestVectors.FixedTime + 120);
        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(header, new VMessRequest()).Status);

        for (var elapsed = 0; elapsed < 240; elapsed += 10)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(VMessHeaderReadResult.Reject("replayed request", Alice), server.ReadRequest(header, new VMessRequest()));
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(VMessHeaderStatus.Rejected, server.ReadRequest(header, new VMessRequest()).Status);
    }

    [Fact]
    public void ReadRequest_FreshHeadersOverTime_AreNeverFalseReplays()
    {
        var (server, clock) = AeadTestServer.Create(Alice);
        for (var i = 0; i < 1000; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var header = Seal(Alice, clock.GetUtcNow().ToUnixTimeSeconds());
            Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(header, new VMessRequest()).Status);
        }
    }

    [Fact]
    public void ReadRequest_UnknownOrRemovedUser_IsNotMine()
    {
        var (server, _) = AeadTestServer.Create(Bob);
        var header = Seal(Alice, RequestVectors.FixedTime);
        Assert.Equal(VMessHeaderStatus.NotMine, server.ReadRequest(header, new VMessRequest()).Status);

        server.AddUser(Alice);
        Assert.True(server.RemoveUser(Alice.Id));
        Assert.False(server.RemoveUser(Alice.Id));
        Assert.Equal(VMessHeaderStatus.NotMine, server.ReadRequest(header, new VMessRequest()).Status);
    }

    [Fact]
    public void ReadRequest_SeveralUsers_FindsTheRightOne()
    {
        var (server, _) = AeadTestServer.Create(Alice, Bob);
        var request = new VMessRequest();

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(Seal(Bob, RequestVectors.FixedTime), request).Status);
        Assert.Same(Bob, request.User);
    }

    [Fact]
    public void ReadRequest_EveryTruncation_NeedsMoreThenAccepts()
    {
        var (server, _) = AeadTestServer.Create(Alice);
        var header = Seal(Alice, RequestVectors.FixedTime);
        for (var length = 0; length < header.Length; length++)
        {
            var result = server.ReadRequest(header.AsSpan(0, length), new VMessRequest());
            Assert.Equal(VMessHeaderStatus.NeedMoreData, result.Status);
            Assert.InRange(result.BytesNeeded, length + 1, header.Length);
        }

        Assert.Equal(VMessHeaderReadResult.Accept(header.Length), server.ReadRequest(header, new VMessRequest()));
    }

    [Fact]
    public void ReadRequest_AnyFlippedBit_IsRefusedUnauthenticated()
    {
        var (server, _) = AeadTestServer.Create(Alice);
        var header = Seal(Alice, RequestVectors.FixedTime);
        for (var bit = 0; bit < header.Length * 8; bit++)
        {
            var tampered = (byte[])header.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var result = server.ReadRequest(tampered, new VMessRequest());
            Assert.True(result.Status is VMessHeaderStatus.NotMine or VMessHeaderStatus.Rejected, $"bit {bit}: {result}");
            Assert.False(result.Authenticated);
            if (bit >= 16 * 8)
            {
                Assert.Same(Alice, result.User);
            }
        }

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(header, new VMessRequest()).Status);
    }

    [Theory]
    [InlineData("security 6", "unknown security type 6")]
    [InlineData("security 2", "unknown security type 2")]
    [InlineData("command 4", "unknown command 4")]
    [InlineData("port 0", "destination port 0")]
    [InlineData("padding without masking", "option GlobalPadding (0x08) requires ChunkMasking (0x04)")]
    [InlineData("bad checksum", "request header checksum (FNV-1a) mismatch")]
    [InlineData("trailing bytes", "request header has trailing bytes")]
    [InlineData("truncated", "request header is truncated")]
    public void ReadRequest_InvalidPlaintextAfterItOpened_RejectsAuthenticated(string change, string reason)
    {
        var (server, _) = AeadTestServer.Create(Alice);
        var request = RequestVectors.Request(RequestVectors.Named("tcp-domain-aes128gcm"));
        request.User = Alice;
        request.PaddingLength = 0;
        switch (change)
        {
            case "security 6": request.Security = 6; break;
            case "security 2": request.Security = 2; break;
            case "command 4": request.Command = (VMessCommand)4; break;
            case "port 0": request.Destination = request.Destination with { Port = 0 }; break;
            case "padding without masking": request.Options = VMessRequestOptions.ChunkStream | VMessRequestOptions.GlobalPadding; break;
        }

        var plaintext = new byte[VMessPlugins.VMess.Protocol.Header.VMessRequestHeaderCodec.MaxLength];
        var length = VMessPlugins.VMess.Protocol.Header.VMessRequestHeaderCodec.Encode(request, [], plaintext);
        plaintext = change switch
        {
            "bad checksum" => [.. plaintext[..(length - 1)], (byte)(plaintext[length - 1] ^ 1)],
            "trailing bytes" => [.. plaintext[..length], 0],
            "truncated" => plaintext[..(length - 1)],
            _ => plaintext[..length],
        };

        var header = SealPlaintext(Alice, RequestVectors.FixedTime, plaintext);
        var received = new VMessRequest();
        Assert.Equal(VMessHeaderReadResult.Reject(reason, Alice, authenticated: true), server.ReadRequest(header, received));
        Assert.Null(received.User);
    }

    [Fact]
    public void ReadRequest_SameBodyKeyAndIvTwice_RejectsTheDuplicateSession()
    {
        var (server, _) = AeadTestServer.Create(Alice);
        var request = RequestVectors.Request(RequestVectors.Named("tcp-domain-aes128gcm"));
        request.User = Alice;
        request.PaddingLength = 0;
        var plaintext = new byte[VMessPlugins.VMess.Protocol.Header.VMessRequestHeaderCodec.MaxLength];
        plaintext = plaintext[..VMessPlugins.VMess.Protocol.Header.VMessRequestHeaderCodec.Encode(request, [], plaintext)];

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(SealPlaintext(Alice, RequestVectors.FixedTime, plaintext), new VMessRequest()).Status);
        var second = server.ReadRequest(SealPlaintext(Alice, RequestVectors.FixedTime, plaintext), new VMessRequest());

        Assert.Equal(VMessHeaderReadResult.Reject("duplicated session (same body key and IV)", Alice, authenticated: true), second);
    }

    [Fact]
    public void ReadRequest_RandomBytesAndTruncations_NeverThrowNorAccept()
    {
        var (server, _) = AeadTestServer.Create(Alice, Bob);
        var random = new Random(42);
        for (var length = 0; length <= 600; length++)
        {
            for (var round = 0; round < 20; round++)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                Assert.NotEqual(VMessHeaderStatus.Accepted, server.ReadRequest(bytes, new VMessRequest()).Status);
            }
        }

        // A valid AuthID followed by garbage reaches the GCM steps.
        var honest = Seal(Alice, RequestVectors.FixedTime);
        for (var length = 16; length <= 600; length++)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            honest.AsSpan(0, 16).CopyTo(bytes);
            var result = server.ReadRequest(bytes, new VMessRequest());
            Assert.True(result.Status is VMessHeaderStatus.NeedMoreData or VMessHeaderStatus.Rejected, result.ToString());
        }

        Assert.Equal(VMessHeaderStatus.Accepted, server.ReadRequest(honest, new VMessRequest()).Status);
    }

    internal static byte[] Seal(VMessUser user, long unixTime)
    {
        var request = RequestVectors.Request(RequestVectors.Named("tcp-domain-aes128gcm"));
        request.User = user;
        request.BodyKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var buffer = new byte[512];
        var randomness = new RequestRandomness(unixTime, System.Security.Cryptography.RandomNumberGenerator.GetBytes(4),
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(8), [1, 2, 3]);
        return buffer[..AeadHeaderClient.WriteRequest(request, buffer, randomness)];
    }

    // Seals arbitrary plaintext in the AEAD layout, for headers our codec would never produce.
    private static byte[] SealPlaintext(VMessUser user, long unixTime, byte[] plaintext)
    {
        var cmdKey = VMessId.CmdKey(user.Id);
        var authId = new byte[16];
        using (var cipher = new AuthIdCipher(cmdKey))
        {
            cipher.Encrypt(unixTime, System.Security.Cryptography.RandomNumberGenerator.GetBytes(4), authId);
        }

        var nonce = System.Security.Cryptography.RandomNumberGenerator.GetBytes(8);
        var keys = new RequestHeaderKeys(cmdKey, authId, nonce);
        var output = new byte[42 + plaintext.Length + 16];
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)plaintext.Length);
        authId.CopyTo(output, 0);
        Gcm.Seal(keys.LengthKey, keys.LengthNonce, length, authId, output.AsSpan(16));
        nonce.CopyTo(output, 34);
        Gcm.Seal(keys.PayloadKey, keys.PayloadNonce, plaintext, authId, output.AsSpan(42));
        return output;
    }
}
