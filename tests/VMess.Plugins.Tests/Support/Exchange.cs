using System.Security.Cryptography;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

internal static class Exchange
{
    /// <summary>Sends <paramref name="length"/> random bytes, ends writes, and reads the echo back to EOF.</summary>
    public static async Task<(byte[] Sent, byte[] Received)> EchoAsync(IConnection connection, int length, CancellationToken cancellationToken)
    {
        var sent = RandomNumberGenerator.GetBytes(length);
        var reading = ReadToEndAsync(connection.Stream, cancellationToken);
        for (var offset = 0; offset < length; offset += 50_000)
        {
            await connection.Stream.WriteAsync(sent.AsMemory(offset, Math.Min(50_000, length - offset)), cancellationToken);
        }

        await connection.CompleteWritesAsync(cancellationToken);
        return (sent, await reading);
    }

    public static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var output = new MemoryStream();
        var buffer = new byte[40_000];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }
}
