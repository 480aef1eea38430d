using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>The legacy header format; tried after AEAD, since any 16 bytes could be either.</summary>
internal sealed class LegacyHeaderAuthenticator : IVMessHeaderAuthenticator
{
    public string Name => LegacyFormat.Name;

    public int Priority => 100;

    public IVMessHeaderServer CreateServer(VMessHeaderServerOptions options) => new LegacyHeaderServer(options);

    public IVMessHeaderClient CreateClient() => new LegacyHeaderClient(TimeProvider.System);
}
