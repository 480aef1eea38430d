using System.Buffers;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Tests.Transport.Tests.Support;

/// <summary>Accepts from a transport listener and echoes every connection until the peer ends writing, then ends its own.</summary>
internal sealed class EchoAcceptor : IAsyncDisposable
{
    private readonly ITransportListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    public EchoAcceptor(ITransportListener listener)
    {
        _listener = listener;
        _loop = AcceptLoopAsync();
    }

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>The remote end of the last accepted connection.</summary>
    public System.Net.EndPoint? LastRemote { get; private set; }

    public ushort Port => (ushort)((System.Net.IPEndPoint)_listener.LocalEndPoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listener.DisposeAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested)
        {
            IConnection connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            LastRemote = connection.RemoteEndPoint;
            Interlocked.Increment(ref _accepted);
            _ = EchoAsync(connection);
        }
    }

    private async Task EchoAsync(IConnection connection)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            int read;
            while ((read = await connection.Stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await connection.Stream.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }

            await connection.CompleteWritesAsync(_stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The test decides what a dropped echo means.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await connection.DisposeAsync();
        }
    }
}
