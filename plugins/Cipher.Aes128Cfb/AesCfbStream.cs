using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Aes128Cfb;

/// <summary>
/// Streaming AES-128-CFB with 128-bit segments: keystream block = AES(previous ciphertext block, or the IV),
/// the position inside the block carried across calls, so call boundaries do not matter. Both directions
/// use AES encryption; the register always takes the ciphertext. One object per direction; not thread-safe.
/// </summary>
/// <remarks>.NET's CipherMode.CFB wants whole blocks per call, so this drives a single ECB transform instead.</remarks>
internal sealed class AesCfbStream : IVMessStreamTransform
{
    private const int BlockSize = 16;

    private readonly Aes aes;
    private readonly ICryptoTransform block;
    private readonly bool encrypt;
    private readonly byte[] register = new byte[BlockSize];
    private readonly byte[] keystream = new byte[BlockSize];
    private int position = BlockSize;

    public AesCfbStream(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool encrypt)
    {
        if (key.Length != BlockSize || iv.Length != BlockSize)
        {
            throw new ArgumentException("AES-128-CFB needs a 16-byte key and a 16-byte IV.");
        }

        aes = Aes.Create();
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        aes.Key = key.ToArray();
        block = aes.CreateEncryptor();
        iv.CopyTo(register);
        this.encrypt = encrypt;
    }

    public void Transform(Span<byte> data)
    {
        var i = 0;
        // Finish the block in progress, then whole blocks, then start the next one.
        while (i < data.Length && position < BlockSize)
        {
            data[i] = Step(data[i]);
            i++;
        }

        while (data.Length - i >= BlockSize)
        {
            block.TransformBlock(register, 0, BlockSize, keystream, 0);
            var chunk = data.Slice(i, BlockSize);
            var input = Vector128.Create<byte>(chunk);
            var output = input ^ Vector128.Create<byte>(keystream);
            output.CopyTo(chunk);
            (encrypt ? output : input).CopyTo(register);
            i += BlockSize;
        }

        while (i < data.Length)
        {
            data[i] = Step(data[i]);
            i++;
        }
    }

    public void Dispose()
    {
        block.Dispose();
        aes.Dispose();
    }

    private byte Step(byte value)
    {
        if (position == BlockSize)
        {
            block.TransformBlock(register, 0, BlockSize, keystream, 0);
            position = 0;
        }

        var result = (byte)(value ^ keystream[position]);
        register[position] = encrypt ? result : value;
        position++;
        return result;
    }
}
