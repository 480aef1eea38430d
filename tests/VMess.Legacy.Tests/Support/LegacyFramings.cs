using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>D's framing driven with the aes-128-cfb suite over plain streams.</summary>
internal static class LegacyFramings
{
    public static VMessBodyWriter Writer(
        Stream output, VMessRequestOptions options, byte[] key, byte[] iv, IVMessStreamTransform? continuation = null,
        byte[]? prefix = null, int chunkSize = 65000)
    {
        var suite = LegacyKit.Suite;
        var framing = BodyFraming.Create(suite, options, VMessCommand.Tcp);
        return new VMessBodyWriter(output, framing, suite.CreateSealer(key, iv), continuation ?? suite.CreateStreamTransform(key, iv, encrypt: true),
            key, iv, prefix ?? [], NullLogger.Instance, "test", chunkSize);
    }

    public static VMessBodyReader Reader(
        Stream input, VMessRequestOptions options, byte[] key, byte[] iv, IVMessStreamTransform? continuation = null, byte[]? initial = null)
    {
        var suite = LegacyKit.Suite;
        var framing = BodyFraming.Create(suite, options, VMessCommand.Tcp);
        return new VMessBodyReader(input, framing, suite.CreateOpener(key, iv), continuation ?? suite.CreateStreamTransform(key, iv, encrypt: false),
            key, iv, initial ?? [], NullLogger.Instance, "test");
    }

    public static async Task<byte[]> ReadAllAsync(VMessBodySource reader, int bufferSize = 7000)
    {
        var output = new MemoryStream();
        var buffer = new byte[bufferSize];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    /// <summary>Undoes the whole-stream CFB, to compare framed plaintext where padding bytes differ.</summary>
    public static byte[] DecryptStream(byte[] wire, byte[] key, byte[] iv)
    {
        var copy = wire.ToArray();
        using var transform = LegacyKit.Suite.CreateStreamTransform(key, iv, encrypt: false)!;
        transform.Transform(copy);
        return copy;
    }
}
