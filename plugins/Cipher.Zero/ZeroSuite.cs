using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Zero;

/// <summary>
/// Security "zero" as V2Ray v5, Xray and sing-box define it: "none" (5) on the wire with every option bit
/// cleared, so the body is a raw unframed stream. A server sees plain "none" and resolves it to that suite.
/// </summary>
internal sealed class ZeroSuite : IVMessCipherSuite
{
    public string Name => "zero";

    public byte SecurityType => 5;

    public bool IsWireAlias => true;

    public bool IsInsecure => true;

    public int Overhead => 0;

    public VMessRequestOptions ClientOptions => VMessRequestOptions.None;

    public IVMessChunkSealer CreateSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new PassThroughChunkCodec();

    public IVMessChunkOpener CreateOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new PassThroughChunkCodec();
}
