using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>A test-local "none" (and "zero") suite: no protection, overhead 0.</summary>
internal sealed class TestNoneSuite(string name, VMessRequestOptions clientOptions, bool alias) : IVMessCipherSuite
{
    public static TestNoneSuite None { get; } = new("none", (VMessRequestOptions)0x05, alias: false);

    public static TestNoneSuite Zero { get; } = new("zero", VMessRequestOptions.None, alias: true);

    public string Name => name;

    public byte SecurityType => 5;

    public bool IsWireAlias => alias;

    public bool IsInsecure => true;

    public int Overhead => 0;

    public VMessRequestOptions ClientOptions => clientOptions;

    public IVMessChunkSealer CreateSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new Codec();

    public IVMessChunkOpener CreateOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new Codec();

    private sealed class Codec : IVMessChunkSealer, IVMessChunkOpener
    {
        public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> destination) => plaintext.CopyTo(destination);

        public bool TryOpen(ReadOnlySpan<byte> sealedChunk, Span<byte> plaintext)
        {
            sealedChunk.CopyTo(plaintext);
            return true;
        }

        public void Dispose()
        {
        }
    }
}
