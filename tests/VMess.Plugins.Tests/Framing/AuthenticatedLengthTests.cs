using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

public sealed class AuthenticatedLengthTests
{
    [Theory]
    [InlineData("aes-128-gcm")]
    [InlineData("chacha20-poly1305")]
    public async Task Write_AuthenticatedLength_SizeFieldIsSuiteSealedUnderAuthLenKey(string suiteName)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var iv = RandomNumberGenerator.GetBytes(16);
        var wire = new MemoryStream();
        using (var writer = Framings.Writer(wire, Suites.ByName(suiteName), (VMessRequestOptions)0x11, key, iv))
        {
            await writer.WriteAsync(new byte[100], CancellationToken.None);
        }

        var lengthKey = VMessKdf.Kdf16(key, Encoding.ASCII.GetBytes("auth_len"));
        var nonce = new byte[12];
        iv.AsSpan(2, 10).CopyTo(nonce.AsSpan(2));
        var field = wire.ToArray().AsSpan(0, 18);
        var plain = new byte[2];
        if (suiteName == "aes-128-gcm")
        {
            using var gcm = new AesGcm(lengthKey, 16);
            gcm.Decrypt(nonce, field[..2], field[2..], plain);
        }
        else
        {
            var expanded = new byte[32];
            MD5.HashData(lengthKey, expanded);
            MD5.HashData(expanded.AsSpan(0, 16), expanded.AsSpan(16));
            using var chacha = new ChaCha20Poly1305(expanded);
            chacha.Decrypt(nonce, field[..2], field[2..], plain);
        }

        // size (100 + 16) minus the length AEAD's own 16.
        Assert.Equal(100, BinaryPrimitives.ReadUInt16BigEndian(plain));
    }
}
