using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Framing;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>Builds readers and writers over plain streams for framing tests.</summary>
internal static class Framings
{
    public static VMessBodyWriter Writer(
        Stream output, IVMessCipherSuite suite, VMessRequestOptions options, byte[] key, byte[] iv,
        int chunkSize = VMessBodyWriter.DefaultChunkSize, VMessCommand command = VMessCommand.Tcp, byte[]? prefix = null)
    {
        var framing = BodyFraming.Create(suite, options, command);
        return new VMessBodyWriter(output, framing, suite.CreateSealer(key, iv), null, key, iv, prefix ?? [],
            NullLogger.Instance, "request", chunkSize, suite);
    }

    public static VMessBodyReader Reader(
        Stream input, IVMessCipherSuite suite, VMessRequestOptions options, byte[] key, byte[] iv,
        VMessCommand command = VMessCommand.Tcp)
    {
        var framing = BodyFraming.Create(suite, options, command);
        return new VMessBodyReader(input, framing, suite.CreateOpener(key, iv), null, key, iv, [],
            NullLogger.Instance, "request", suite);
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
}
