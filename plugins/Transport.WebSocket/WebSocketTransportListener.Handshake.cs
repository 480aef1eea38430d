using System.Net;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Plugins.Transport.WebSocket;

internal sealed partial class WebSocketTransportListener
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    // The upgraded connection, or null when the client was refused or failed (logged, and closed here).
    private async Task<IConnection?> HandshakeAsync(RawTcpConnection raw, CancellationToken stopping)
    {
        IConnection connection = raw;
        var remote = raw.RemoteEndPoint;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(handshakeTimeout);
        try
        {
            if (securityLayer is not null)
            {
                connection = await securityLayer.WrapServerAsync(raw, deadline.Token).ConfigureAwait(false);
            }

            var outcome = await ServerUpgrade.RunAsync(connection, settings, deadline.Token).ConfigureAwait(false);
            if (outcome.Connection is { } upgraded)
            {
                return upgraded;
            }

            LogUpgradeRefused(remote, outcome.Refusal ?? "refused");
            await CloseGracefullyAsync(connection).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            LogHandshakeFailed(remote, $"no complete handshake within {handshakeTimeout.TotalSeconds:0.#} s");
            await AbortAsync(connection, raw).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (!stopping.IsCancellationRequested)
            {
                LogHandshakeFailed(remote, ex.Message);
            }

            await AbortAsync(connection, raw).ConfigureAwait(false);
        }

        return null;
    }

    private static async ValueTask AbortAsync(IConnection connection, RawTcpConnection raw)
    {
        connection.Abort();
        await connection.DisposeAsync().ConfigureAwait(false);
        await raw.DisposeAsync().ConfigureAwait(false);
    }

    // Ends our side and drains what the client still sends, so the error answer is not lost to a RST.
    private static async ValueTask CloseGracefullyAsync(IConnection connection)
    {
        using var drain = new CancellationTokenSource(DrainTimeout);
        try
        {
            await connection.CompleteWritesAsync(drain.Token).ConfigureAwait(false);
            var sink = new byte[512];
            while (await connection.Stream.ReadAsync(sink, drain.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or lingered; either way we are done.
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "WebSocket handshake with {Remote} failed: {Reason}")]
    private partial void LogHandshakeFailed(EndPoint? remote, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "WebSocket upgrade from {Remote} refused: {Reason}")]
    private partial void LogUpgradeRefused(EndPoint? remote, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "accepting WebSocket connections failed: {Reason}")]
    private partial void LogAcceptFailed(string reason);
}
