using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Host.Runtime;

/// <summary>One started listener of an inbound and its accept loop.</summary>
internal sealed class PortListener(ushort port, ITransportListener listener)
{
    private readonly CancellationTokenSource _stop = new();
    private int _closed;

    public ushort Port { get; } = port;

    public ITransportListener Listener { get; } = listener;

    /// <summary>The newest refresh that picked this port (random allocation keeps a port one refresh longer).</summary>
    public int Generation { get; set; }

    public CancellationToken Stopping => _stop.Token;

    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>Stops accepting; connections already accepted are not touched.</summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            await Loop.ConfigureAwait(false);
            return;
        }

        // Synchronous, so the port is free again when a refresh returns.
        _stop.Cancel();
        try
        {
            await Listener.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Closing anyway.
        }

        await Loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
