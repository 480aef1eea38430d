using System.Security.Cryptography;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>Legacy request headers made by our client with chosen inputs.</summary>
internal static class Handshakes
{
    public static VMessRequest NewRequest(VMessUser user, byte[]? bodyKey = null, byte[]? bodyIv = null) => new()
    {
        BodyKey = bodyKey ?? RandomNumberGenerator.GetBytes(16),
        BodyIV = bodyIv ?? RandomNumberGenerator.GetBytes(16),
        ResponseAuth = 0x5a,
        Options = VMessRequestOptions.ChunkStream,
        Security = 1,
        Command = VMessCommand.Tcp,
        Destination = Destination.Tcp(Address.FromDomain("example.com"), 443),
        User = user,
    };

    /// <summary>A header signed for <paramref name="timestamp"/> by alter ID <paramref name="alterIndex"/> (-1: main).</summary>
    public static byte[] Make(VMessRequest request, long timestamp, int alterIndex, int padding = 3)
    {
        var buffer = new byte[512];
        var length = LegacyHeaderClient.WriteRequest(request, buffer, new LegacyRequestRandomness(timestamp, alterIndex, new byte[padding]));
        return buffer[..length];
    }

    public static byte[] Make(VMessUser user, long timestamp, int alterIndex = 0) => Make(NewRequest(user), timestamp, alterIndex);
}
