using System.Buffers;
using System.Security.Cryptography;

namespace VMessPlugins.TestKit;

/// <summary>
/// Sends N seeded random bytes while reading exactly N echoed bytes, hashing both. It does not wait for an
/// EOF: v2ray's freedom never passes a half-close on to the target, so through a v2ray server the echo's
/// end only arrives when an idle timeout fires, which says nothing about VMess.
/// </summary>
public static class ExactEchoPump
{
    private const int ChunkSize = 32 * 1024;

    public static async Task<(byte[] Sent, byte[] Received, long ReceivedBytes)> RunAsync(Stream stream, long byteCount, int seed, CancellationToken cancellationToken)
    {
        var reading = ReadAsync(stream, byteCount, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var random = new Random(seed);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (var left = byteCount; left > 0;)
            {
                var size = (int)Math.Min(left, ChunkSize);
                random.NextBytes(buffer.AsSpan(0, size));
                hash.AppendData(buffer, 0, size);
                await stream.WriteAsync(buffer.AsMemory(0, size), cancellationToken);
                left -= size;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var (received, count) = await reading;
        return (hash.GetHashAndReset(), received, count);
    }

    private static async Task<(byte[] Hash, long Count)> ReadAsync(Stream stream, long byteCount, CancellationToken cancellationToken)
    {
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

        return (hash.GetHashAndReset(), total);
    }
}
