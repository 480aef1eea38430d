using System.Security.Cryptography;

namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>Layer 0: HMAC-SHA256 keyed with "VMess AEAD KDF".</summary>
internal sealed class RootHmacFactory : IKdfHashFactory
{
    public static readonly RootHmacFactory Instance = new();

    private const int PoolLimit = 8;

    // Creating an HMAC object costs more than hashing the few blocks a KDF layer feeds it, and every key is the
    // same constant, so each thread keeps a few reset ones.
    [ThreadStatic]
    private static Stack<IncrementalHash>? pool;

    public IKdfHash Create() => new Computation(pool is { Count: > 0 } available
        ? available.Pop()
        : IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, VMessKdf.RootKey));

    private sealed class Computation(IncrementalHash hmac) : IKdfHash
    {
        private bool pending;

        public void Append(ReadOnlySpan<byte> data)
        {
            pending = true;
            hmac.AppendData(data);
        }

        public void Finish(Span<byte> destination)
        {
            hmac.GetHashAndReset(destination);
            pending = false;
        }

        public void Dispose()
        {
            pool ??= new Stack<IncrementalHash>(PoolLimit);
            if (pool.Count >= PoolLimit)
            {
                hmac.Dispose();
                return;
            }

            if (pending)
            {
                // Layers keep their parent primed with the HMAC pad; reset it before anyone else uses it.
                Span<byte> discarded = stackalloc byte[VMessKdf.OutputSize];
                hmac.GetHashAndReset(discarded);
            }

            pool.Push(hmac);
        }
    }
}
