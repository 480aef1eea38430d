using System.Security.Cryptography;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Framing;

public sealed class KeccakShake128Tests
{
    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(167)]
    public void Read_ManySmallDraws_MatchesOneShotShake128(int messageLength)
    {
        var message = RandomNumberGenerator.GetBytes(messageLength);
        var expected = Shake128.HashData(message, 1000);
        var sponge = new KeccakShake128(message);
        var actual = new byte[1000];
        for (var i = 0; i < actual.Length; i += 2)
        {
            sponge.Read(actual.AsSpan(i, 2));
        }

        Assert.Equal(expected, actual);
    }
}
