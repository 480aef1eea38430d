using System.Security.Cryptography;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Interop;

/// <summary>
/// Writes N seeded random bytes while reading exactly N echoed bytes back, hashing both. It does not rely on
/// a half-close: a 4.34 mux client forgets a sub-connection as soon as its application ends its side, and
/// freedom does not pass a half-close on to the target.
/// </summary>
internal static class ExactEcho
{
    private const int ChunkSize = 32 * 1024;

    public static async Task<(string Sent, string Received, long ReceivedBytes)> RunAsync(Stream stream, int byteCount, int seed, CancellationToken cancellationToken)
    {
        var reading = ReadAsync(stream, byteCount, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var random = new Random(seed);
        var buffer = new byte[ChunkSize];
        for (var left = byteCount; left > 0;)
        {
            var size = Math.Min(left, ChunkSize);
            random.NextBytes(buffer.AsSpan(0, size));
            hash.AppendData(buffer, 0, size);
            await stream.WriteAsync(buffer.AsMemory(0, size), cancellationToken);
            left -= size;
        }

        var (received, count) = await reading;
        return (Convert.ToHexString(hash.GetHashAndReset()), received, count);
    }

    private static async Task<(string Hash, long Count)> ReadAsync(Stream stream, int byteCount, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long total = 0;
        while (total < byteCount)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, byteCount - total)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (Convert.ToHexString(hash.GetHashAndReset()), total);
    }
}
