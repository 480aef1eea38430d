using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

internal static class Suites
{
    public static IVMessCipherSuite ByName(string name) => name switch
    {
        "aes-128-gcm" => TestAeadSuite.Gcm,
        "chacha20-poly1305" => TestAeadSuite.ChaCha,
        "none" => TestNoneSuite.None,
        "zero" => TestNoneSuite.Zero,
        _ => throw new ArgumentException(name),
    };
}
