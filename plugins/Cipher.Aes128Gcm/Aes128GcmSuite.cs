using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Aes128Gcm;

/// <summary>AES-128-GCM over each chunk payload, keyed with the direction's body key (PROTOCOL.md §10.4).</summary>
internal sealed class Aes128GcmSuite : IVMessCipherSuite
{
    public string Name => "aes-128-gcm";

    public byte SecurityType => 3;

    public bool IsInsecure => false;

    public int Overhead => GcmChunkNonce.TagSize;

    public VMessRequestOptions ClientOptions =>
        VMessRequestOptions.ChunkStream | VMessRequestOptions.ChunkMasking | VMessRequestOptions.GlobalPadding;

    public IVMessChunkSealer CreateSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new GcmChunkSealer(key, iv);

    public IVMessChunkOpener CreateOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new GcmChunkOpener(key, iv);
}
