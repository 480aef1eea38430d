namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>A KDF layer: a keyed hash function with a 64-byte block and a 32-byte output.</summary>
internal interface IKdfHashFactory
{
    /// <summary>Starts a computation.</summary>
    IKdfHash Create();
}
