using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Ops.Tests.Support;

/// <summary>
/// One connection through a SOCKS proxy to an echo server that keeps streaming until told to finish:
/// seeded random chunks at a steady pace, the echo read back concurrently, both sides hashed, so a
/// reload can happen while it runs and a lost or altered byte shows in the hashes.
/// </summary>
internal sealed class PacedStream : IAsyncDisposable
{
    private const int ChunkSize = 8 * 1024;
    private static readonly TimeSpan s_pace = TimeSpan.FromMilliseconds(40);
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _stopWriting = new();
    private readonly IncrementalHash _sentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _receivedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Task _writing;
    private readonly Task _reading;
    private long _sent;
    private long _received;

    private PacedStream(NetworkStream stream, int seed, CancellationToken cancellationToken)
    {
        _stream = stream;
        _writing = WriteAsync(seed, cancellationToken);
        _reading = ReadAsync(cancellationToken);
    }

    public long Received => Interlocked.Read(ref _received);

    /// <summary>True once the echo stream ended or failed (the proxy closed it).</summary>
    public bool Ended => _reading.IsCompleted;

    public static async Task<PacedStream> OpenAsync(IPEndPoint socks, ushort echoPort, int seed, CancellationToken cancellationToken)
    {
        var stream = await Socks5Client.ConnectAsync(socks, "127.0.0.1", echoPort, cancellationToken: cancellationToken);
        return new PacedStream(stream, seed, cancellationToken);
    }

    /// <summary>Stops sending, half-closes, reads the rest of the echo and compares.</summary>
    public async Task<PumpResult> FinishAsync()
    {
        await _stopWriting.CancelAsync();
        await _writing;
        _stream.Socket.Shutdown(SocketShutdown.Send);
        await _reading;
        return new PumpResult(Interlocked.Read(ref _sent), Received, _sentHash.GetCurrentHash(), _receivedHash.GetCurrentHash());
    }

    /// <summary>True when the proxy ends the connection within <paramref name="timeout"/>.</summary>
    public async Task<bool> EndsWithinAsync(TimeSpan timeout) =>
        await Task.WhenAny(_reading, Task.Delay(timeout)) == _reading;

    /// <summary>Waits until at least <paramref name="bytes"/> more have come back (it is streaming now).</summary>
    public async Task<bool> AdvancesAsync(long bytes, TimeSpan timeout)
    {
        var target = Received + bytes;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = DateTime.UtcNow + timeout;
        while (Received < target)
        {
            if (DateTime.UtcNow > deadline || Ended)
            {
                return false;
            }

            await timer.WaitForNextTickAsync();
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWriting.CancelAsync();
        await _stream.DisposeAsync();
        await Task.WhenAll(_writing, _reading).ContinueWith(static _ => { }, TaskScheduler.Default);
        _sentHash.Dispose();
        _receivedHash.Dispose();
        _stopWriting.Dispose();
    }

    private async Task WriteAsync(int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var chunk = new byte[ChunkSize];
        using var pace = new PeriodicTimer(s_pace);
        try
        {
            while (!_stopWriting.IsCancellationRequested)
            {
                random.NextBytes(chunk);
                await _stream.WriteAsync(chunk, cancellationToken);
                _sentHash.AppendData(chunk);
                Interlocked.Add(ref _sent, chunk.Length);
                await pace.WaitForNextTickAsync(_stopWriting.Token);
            }
        }
        catch (OperationCanceledException) when (_stopWriting.IsCancellationRequested)
        {
            // Finished.
        }
        catch (IOException)
        {
            // The proxy ended the connection: the hashes will tell.
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                _receivedHash.AppendData(buffer, 0, read);
                Interlocked.Add(ref _received, read);
            }
        }
        catch (IOException)
        {
            // Reset by the proxy: the hashes will tell.
        }
    }
}
