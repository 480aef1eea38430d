using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Aead;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

/// <summary>An AEAD header server on a fake clock fixed at the vectors' time.</summary>
internal static class AeadTestServer
{
    public static (IVMessHeaderServer Server, FakeTimeProvider Clock) Create(params VMessUser[] users)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(RequestVectors.FixedTime));
        var server = new AeadHeaderAuthenticator().CreateServer(new VMessHeaderServerOptions
        {
            TimeProvider = clock,
            Logger = NullLogger.Instance,
            InboundTag = "test",
        });
        foreach (var user in users)
        {
            server.AddUser(user);
        }

        return (server, clock);
    }
}
