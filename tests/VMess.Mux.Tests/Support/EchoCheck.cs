using System.Security.Cryptography;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Support;

/// <summary>Writes seeded random bytes while reading the echo, then half-closes and expects the end.</summary>
internal static class EchoCheck
{
    public static async Task<(string Sent, string Received)> RunAsync(IConnection connection, int byteCount, int seed, CancellationToken cancellationToken)
    {
        var reading = ReadAllAsync(connection.Stream, cancellationToken);
        var random = new Random(seed);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[20000];
        for (var left = byteCount; left > 0;)
        {
            var size = Math.Min(left, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, size));
            hash.AppendData(buffer, 0, size);
            await connection.Stream.WriteAsync(buffer.AsMemory(0, size), cancellationToken);
            left -= size;
        }

        await connection.CompleteWritesAsync(cancellationToken);
        return (Convert.ToHexString(hash.GetHashAndReset()), await reading);
    }

    private static async Task<string> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[32 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
