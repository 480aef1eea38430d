using System.Buffers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace VMessPlugins.TestKit;

/// <summary>
/// Pushes seeded random bytes through an echoing stream while reading the echo back concurrently,
/// hashing both sides with SHA-256.
/// </summary>
public static class DataPump
{
    private const int ChunkSize = 32 * 1024;

    /// <summary>Pumps through a socket stream and half-closes it with <c>Shutdown(Send)</c> after the last byte.</summary>
    public static Task<PumpResult> PumpAsync(NetworkStream stream, long byteCount, int seed, CancellationToken cancellationToken = default) =>
        PumpAsync(stream, byteCount, seed, () =>
        {
            stream.Socket.Shutdown(SocketShutdown.Send);
            return ValueTask.CompletedTask;
        }, cancellationToken);

    /// <summary>Pumps <paramref name="byteCount"/> bytes; <paramref name="completeWrites"/> ends the sending side.</summary>
    public static async Task<PumpResult> PumpAsync(
        Stream stream, long byteCount, int seed, Func<ValueTask> completeWrites, CancellationToken cancellationToken = default)
    {
        var reading = ReadAllAsync(stream, cancellationToken);
        byte[] sentHash;
        try
        {
            sentHash = await WriteAllAsync(stream, byteCount, seed, cancellationToken).ConfigureAwait(false);
            await completeWrites().ConfigureAwait(false);
        }
        catch
        {
            // Surface the reader's failure too if it already has one, but never leave it unobserved.
            _ = reading.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw;
        }

        var (received, receivedHash) = await reading.ConfigureAwait(false);
        return new PumpResult(byteCount, received, sentHash, receivedHash);
    }

    private static async Task<byte[]> WriteAllAsync(Stream stream, long byteCount, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (var left = byteCount; left > 0;)
            {
                var size = (int)Math.Min(left, ChunkSize);
                random.NextBytes(buffer.AsSpan(0, size));
                hash.AppendData(buffer, 0, size);
                await stream.WriteAsync(buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                left -= size;
            }

            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(long Count, byte[] Hash)> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }

            return (total, hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
