using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>The VMessAEAD header format; tried before legacy, since any 16 bytes could be either.</summary>
internal sealed class AeadHeaderAuthenticator : IVMessHeaderAuthenticator
{
    public string Name => AeadFormat.Name;

    public int Priority => 0;

    public IVMessHeaderServer CreateServer(VMessHeaderServerOptions options) => new AeadHeaderServer(options);

    public IVMessHeaderClient CreateClient() => new AeadHeaderClient(TimeProvider.System);
}
