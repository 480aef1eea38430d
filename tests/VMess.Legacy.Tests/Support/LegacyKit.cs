using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.Plugins.Cipher.Aes128Cfb;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>Factories for the objects under test.</summary>
internal static class LegacyKit
{
    public const string UserId = "b831381d-6324-4d53-ad4f-8cda48b30811";
    public const string OtherUserId = "de305d54-75b4-431b-adb2-eb6b9e546014";
    public const long FixedTime = 1700000000;

    public static IVMessCipherSuite Suite { get; } = new Aes128CfbSuite();

    public static IVMessHeaderAuthenticator Authenticator { get; } = new LegacyHeaderAuthenticator();

    public static byte[] Id(string text)
    {
        Assert.True(VMessId.TryParse(text, out var id));
        return id;
    }

    public static VMessUser User(string id = UserId, int alterId = 4, string? email = "alice@test") => new(Id(id), email, 0, alterId);

    public static LegacyHeaderServer Server(TimeProvider clock, bool taintFuse = true, params VMessUser[] users) =>
        Server(clock, NullLogger.Instance, taintFuse, users);

    public static LegacyHeaderServer Server(TimeProvider clock, ILogger logger, bool taintFuse, params VMessUser[] users)
    {
        var server = new LegacyHeaderServer(new VMessHeaderServerOptions
        {
            Logger = logger,
            TimeProvider = clock,
            InboundTag = "legacy-test",
            TaintFuse = taintFuse,
        });
        foreach (var user in users)
        {
            server.AddUser(user);
        }

        return server;
    }
}
