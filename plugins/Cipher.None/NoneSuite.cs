using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.None;

/// <summary>Security "none" (wire 5): payloads travel in clear (PROTOCOL.md §10.6); the framing still applies.</summary>
internal sealed class NoneSuite : IVMessCipherSuite
{
    public string Name => "none";

    public byte SecurityType => 5;

    public bool IsInsecure => true;

    public int Overhead => 0;

    // What v2ray 4.34 sends with "none": chunked and masked, never padded.
    public VMessRequestOptions ClientOptions => VMessRequestOptions.ChunkStream | VMessRequestOptions.ChunkMasking;

    public IVMessChunkSealer CreateSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new PassThroughChunkCodec();

    public IVMessChunkOpener CreateOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new PassThroughChunkCodec();
}
