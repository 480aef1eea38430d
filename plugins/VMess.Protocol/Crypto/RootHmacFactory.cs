using System.Security.Cryptography;

namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>Layer 0: HMAC-SHA256 keyed with "VMess AEAD KDF".</summary>
internal sealed class RootHmacFactory : IKdfHashFactory
{
    public static readonly RootHmacFactory Instance = new();

    public IKdfHash Create() => new Computation();

    private sealed class Computation : IKdfHash
    {
        private readonly IncrementalHash hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, VMessKdf.RootKey);

        public void Append(ReadOnlySpan<byte> data) => hmac.AppendData(data);

        public void Finish(Span<byte> destination) => hmac.GetHashAndReset(destination);

        public void Dispose() => hmac.Dispose();
    }
}
