using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Runtime;

internal sealed partial class ProxyServer
{
    private async Task ServeAsync(IInboundHandler handler, IConnection connection, LiveConnection live)
    {
        var session = live.Session;
        try
        {
            await handler.HandleAsync(connection, session, live.Generation.Dispatcher, live.Token).ConfigureAwait(false);
        }
        catch (ProxyException ex)
        {
            LogConnectionFailed(session.Id, session.Source?.ToString(), session.InboundTag, ex.Message);
        }
        catch (OperationCanceledException)
        {
            LogConnectionCancelled(session.Id, session.Source?.ToString());
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            LogConnectionClosed(session.Id, session.Source?.ToString(), ex.Message);
        }
        catch (Exception ex)
        {
            LogUnexpected(ex, session.Id, session.InboundTag);
        }
        finally
        {
            try
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                LogConnectionClosed(session.Id, session.Source?.ToString(), ex.Message);
            }

            _connections.TryRemove(session.Id, out _);
            live.Release();
            live.Generation.Leave();
            live.Done.TrySetResult();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "VMessPlugins started; listening on {Endpoints}")]
    private partial void LogStarted(string endpoints);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "VMessPlugins stopped ({Remaining} connections did not end in time)")]
    private partial void LogStopped(int remaining);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "connection {Id} from {Source} [{Inbound}] ended: {Reason}")]
    private partial void LogConnectionFailed(long id, string? source, string inbound, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "connection {Id} from {Source} cancelled")]
    private partial void LogConnectionCancelled(long id, string? source);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "connection {Id} from {Source} closed: {Reason}")]
    private partial void LogConnectionClosed(long id, string? source, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "connection {Id} [{Inbound}] failed unexpectedly")]
    private partial void LogUnexpected(Exception exception, long id, string inbound);
}
