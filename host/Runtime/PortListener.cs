using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Host.Runtime;

/// <summary>One started listener of an inbound and its accept loop.</summary>
internal sealed class PortListener(ushort port, ITransportListener listener)
{
    private static readonly TimeSpan s_drainLimit = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private int _closed;

    public ushort Port { get; } = port;

    public ITransportListener Listener { get; } = listener;

    /// <summary>The newest refresh that picked this port (random allocation keeps a port one refresh longer).</summary>
    public int Generation { get; set; }

    public CancellationToken Stopping => _stop.Token;

    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>
    /// Stops accepting. Connections the kernel had already queued are still taken by the loop (within a
    /// bound; a listener that cannot do that resets them), unless <paramref name="drain"/> is false: then
    /// the port is free again before the first await, as a random-port refresh that may pick it again needs.
    /// Connections already accepted are not touched.
    /// </summary>
    public async Task CloseAsync(bool drain = true)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            await Loop.ConfigureAwait(false);
            return;
        }

        if (drain)
        {
            try
            {
                await Listener.StopAcceptingAsync().ConfigureAwait(false);
                // The loop ends by itself once the listener has handed out what was queued (TLS handshakes
                // included); past the bound, whatever is left is dropped.
                await Loop.WaitAsync(s_drainLimit).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or TimeoutException)
            {
                // Closing anyway.
            }
        }

        // Synchronous up to the listener's close: without draining, the port is free before the first await.
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
