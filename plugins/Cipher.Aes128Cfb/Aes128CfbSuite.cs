using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Aes128Cfb;

/// <summary>
/// The legacy body (PROTOCOL.md §10.7): each chunk carries u32be(FNV-1a(data)) before its data, and the whole
/// framed stream of a direction (sizes, checksums, data, padding) is one AES-128-CFB stream. The FNV is no MAC,
/// hence insecure.
/// </summary>
internal sealed class Aes128CfbSuite : IVMessCipherSuite
{
    public string Name => "aes-128-cfb";

    public byte SecurityType => 1;

    public bool IsInsecure => true;

    public int Overhead => FnvChunkCodec.ChecksumSize;

    public VMessRequestOptions ClientOptions => VMessRequestOptions.ChunkStream;

    public IVMessChunkSealer CreateSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new FnvChunkCodec();

    public IVMessChunkOpener CreateOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new FnvChunkCodec();

    public IVMessStreamTransform CreateStreamTransform(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool encrypt) =>
        new AesCfbStream(key, iv, encrypt);
}
