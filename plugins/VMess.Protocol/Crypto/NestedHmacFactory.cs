namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>HMAC (RFC 2104, 64-byte block) over an arbitrary KDF layer used as its hash function.</summary>
internal sealed class NestedHmacFactory : IKdfHashFactory
{
    private const int BlockSize = 64;
    private const int DigestSize = 32;

    private readonly IKdfHashFactory parent;
    private readonly byte[] innerPad = new byte[BlockSize];
    private readonly byte[] outerPad = new byte[BlockSize];

    public NestedHmacFactory(IKdfHashFactory parent, ReadOnlySpan<byte> key)
    {
        this.parent = parent;
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize)
        {
            // HMAC shortens long keys with its own hash function, which here is the parent layer.
            using var shortener = parent.Create();
            shortener.Append(key);
            shortener.Finish(block[..DigestSize]);
        }
        else
        {
            key.CopyTo(block);
        }

        for (var i = 0; i < BlockSize; i++)
        {
            innerPad[i] = (byte)(block[i] ^ 0x36);
            outerPad[i] = (byte)(block[i] ^ 0x5c);
        }
    }

    public IKdfHash Create() => new Computation(this);

    // One parent computation serves both HMAC passes in turn (inner, then outer), so a KDF of depth n holds
    // n + 1 hash objects rather than 2^n.
    private sealed class Computation : IKdfHash
    {
        private readonly NestedHmacFactory owner;
        private readonly IKdfHash parentHash;

        public Computation(NestedHmacFactory owner)
        {
            this.owner = owner;
            parentHash = owner.parent.Create();
            parentHash.Append(owner.innerPad);
        }

        public void Append(ReadOnlySpan<byte> data) => parentHash.Append(data);

        public void Finish(Span<byte> destination)
        {
            Span<byte> innerDigest = stackalloc byte[DigestSize];
            parentHash.Finish(innerDigest);
            parentHash.Append(owner.outerPad);
            parentHash.Append(innerDigest);
            parentHash.Finish(destination);
            parentHash.Append(owner.innerPad);
        }

        public void Dispose() => parentHash.Dispose();
    }
}
