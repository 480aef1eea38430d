using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.ChaCha20Poly1305;

/// <summary>IETF ChaCha20-Poly1305 over each chunk payload, with VMess's MD5 key expansion (PROTOCOL.md §10.5).</summary>
internal sealed class ChaChaSuite : IVMessCipherSuite
{
    public string Name => "chacha20-poly1305";

    public byte SecurityType => 4;

    public bool IsInsecure => false;

    public int Overhead => ChaChaChunkNonce.TagSize;

    public VMessRequestOptions ClientOptions =>
        VMessRequestOptions.ChunkStream | VMessRequestOptions.ChunkMasking | VMessRequestOptions.GlobalPadding;

    public IVMessChunkSealer CreateSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new ChaChaChunkSealer(key, iv);

    public IVMessChunkOpener CreateOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new ChaChaChunkOpener(key, iv);
}
