using System.Buffers.Binary;
using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>A test-local AES-128-GCM / ChaCha20-Poly1305 suite (PROTOCOL.md 10.4, 10.5), independent of the cipher plugins.</summary>
internal sealed class TestAeadSuite(string name, byte securityType, bool chacha) : IVMessCipherSuite
{
    public static TestAeadSuite Gcm { get; } = new("aes-128-gcm", 3, chacha: false);

    public static TestAeadSuite ChaCha { get; } = new("chacha20-poly1305", 4, chacha: true);

    public string Name => name;

    public byte SecurityType => securityType;

    public bool IsInsecure => false;

    public int Overhead => 16;

    public VMessRequestOptions ClientOptions => (VMessRequestOptions)0x0d;

    public IVMessChunkSealer CreateSealer(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new Codec(CreateAead(key), iv);

    public IVMessChunkOpener CreateOpener(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv) => new Codec(CreateAead(key), iv);

    private IDisposable CreateAead(ReadOnlySpan<byte> key)
    {
        if (!chacha)
        {
            return new AesGcm(key, 16);
        }

        var expanded = new byte[32];
        MD5.HashData(key, expanded);
        MD5.HashData(expanded.AsSpan(0, 16), expanded.AsSpan(16));
        return new ChaCha20Poly1305(expanded);
    }

    private sealed class Codec : IVMessChunkSealer, IVMessChunkOpener
    {
        private readonly IDisposable _aead;
        private readonly byte[] _nonce = new byte[12];
        private ushort _counter;

        public Codec(IDisposable aead, ReadOnlySpan<byte> iv)
        {
            _aead = aead;
            iv[2..12].CopyTo(_nonce.AsSpan(2));
        }

        public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> destination)
        {
            NextNonce();
            var length = plaintext.Length;
            if (_aead is AesGcm gcm)
            {
                gcm.Encrypt(_nonce, plaintext, destination[..length], destination.Slice(length, 16));
            }
            else
            {
                ((ChaCha20Poly1305)_aead).Encrypt(_nonce, plaintext, destination[..length], destination.Slice(length, 16));
            }
        }

        public bool TryOpen(ReadOnlySpan<byte> sealedChunk, Span<byte> plaintext)
        {
            NextNonce();
            var length = sealedChunk.Length - 16;
            try
            {
                if (_aead is AesGcm gcm)
                {
                    gcm.Decrypt(_nonce, sealedChunk[..length], sealedChunk[length..], plaintext[..length]);
                }
                else
                {
                    ((ChaCha20Poly1305)_aead).Decrypt(_nonce, sealedChunk[..length], sealedChunk[length..], plaintext[..length]);
                }

                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
        }

        public void Dispose() => _aead.Dispose();

        private void NextNonce() => BinaryPrimitives.WriteUInt16BigEndian(_nonce, _counter++);
    }
}
