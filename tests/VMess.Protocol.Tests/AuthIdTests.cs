using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Aead;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

public sealed class AuthIdTests
{
    [Fact]
    public void Encrypt_AuthIdVectors_MatchGo()
    {
        var file = Vectors.Load("authid.json");
        foreach (var vector in file.GetProperty("vectors").EnumerateArray())
        {
            var cmdKey = vector.Hex("cmd_key");
            Assert.Equal(file.Hex("auth_id_encryption_key"), VMessKdf.Kdf16(cmdKey, VMessKdf.AuthIdEncryptionKey));
            using var cipher = new AuthIdCipher(cmdKey);
            var authId = new byte[16];

            cipher.Encrypt(vector.GetProperty("time").GetInt64(), vector.Hex("random4"), authId);

            Assert.Equal(vector.GetProperty("auth_id").GetString(), Convert.ToHexStringLower(authId));
            Assert.True(cipher.TryDecrypt(authId, out var time));
            Assert.Equal(vector.GetProperty("time").GetInt64(), time);
        }
    }

    [Fact]
    public void ReadRequest_ServerMatchingVectors_AgreeWithTheGoDecoder()
    {
        var cmdKeyUser = new VMessUser(Convert.FromHexString("b831381d63244d53ad4f8cda48b30811"), "alice@example.com", 0, 0);
        Assert.Equal(Vectors.Load("authid.json").GetProperty("vectors")[0].Hex("cmd_key"), VMessId.CmdKey(cmdKeyUser.Id));
        var (server, _) = AeadTestServer.Create(cmdKeyUser);
        foreach (var result in Vectors.Load("authid.json").GetProperty("server_matching").GetProperty("results").EnumerateArray())
        {
            var authId = result.Hex("auth_id");
            var offset = result.GetProperty("time_offset").GetInt32();
            var first = server.ReadRequest(authId, new VMessRequest());
            var second = server.ReadRequest(authId, new VMessRequest());

            if (result.GetProperty("first_match_error").GetString() is null)
            {
                // Accepted AuthID: the server waits for the rest of the header, and remembers it only once the
                // header opens; the Go decoder's "replayed request" on a second match is checked in AeadServerTests.
                Assert.Equal(VMessHeaderReadResult.NeedMore(42), first);
                Assert.Equal(VMessHeaderReadResult.NeedMore(42), second);
            }
            else
            {
                var direction = offset > 0 ? "ahead of" : "behind";
                var expected = VMessHeaderReadResult.Reject(
                    $"client clock is {Math.Abs(offset)} s {direction} the server; VMess allows 120 s", cmdKeyUser);
                Assert.Equal(expected, first);
                Assert.Equal(expected, second);
            }
        }
    }
}
