using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>What the server keeps per user: the cmdKey and the AuthID cipher.</summary>
internal sealed class AeadUserEntry : IDisposable
{
    public AeadUserEntry(VMessUser user)
    {
        User = user;
        CmdKey = VMessId.CmdKey(user.Id);
        AuthId = new AuthIdCipher(CmdKey);
    }

    public VMessUser User { get; }

    public byte[] CmdKey { get; }

    public AuthIdCipher AuthId { get; }

    public void Dispose() => AuthId.Dispose();
}
