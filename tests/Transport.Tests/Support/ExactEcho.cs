using System.Buffers;
using System.Security.Cryptography;

namespace VMessPlugins.Tests.Transport.Tests.Support;

/// <summary>
/// Writes N seeded random bytes while reading exactly N echoed bytes, hashing both with SHA-256. It does
/// not wait for EOF: v2ray's freedom outbound does not pass a half-close on, so an EOF through it only
/// comes with an idle timeout.
/// </summary>
internal static class ExactEcho
{
    private const int ChunkSize = 32 * 1024;

    public static async Task<(string SentSha256, string ReceivedSha256, long Received)> RunAsync(
        Stream stream, long byteCount, int seed, CancellationToken cancellationToken)
    {
        var reading = ReadAsync(stream, byteCount, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var random = new Random(seed);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (var left = byteCount; left > 0; left -= ChunkSize)
            {
                var size = (int)Math.Min(left, ChunkSize);
                random.NextBytes(buffer.AsSpan(0, size));
                hash.AppendData(buffer, 0, size);
                await stream.WriteAsync(buffer.AsMemory(0, size), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var (receivedHash, received) = await reading;
        return (Convert.ToHexString(hash.GetHashAndReset()), receivedHash, received);
    }

    private static async Task<(string Hash, long Count)> ReadAsync(Stream stream, long byteCount, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            while (total < byteCount)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(ChunkSize, byteCount - total)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, read);
                total += read;
            }

            return (Convert.ToHexString(hash.GetHashAndReset()), total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
