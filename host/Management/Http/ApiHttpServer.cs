using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace VMessPlugins.Host.Management.Http;

/// <summary>
/// A minimal HTTP/1.1 server for the management API: one request per connection, read whole (bounded
/// head and body, one deadline), answered with <c>Connection: close</c>, then a half-close and a short
/// drain before the socket closes, so the client always reads the whole answer instead of a reset.
/// </summary>
/// <remarks>
/// It replaces HttpListener, whose managed implementation on Linux closes sockets without a shutdown
/// and under a busy test suite answered about one run in four with a reset or a refused connection.
/// </remarks>
internal sealed partial class ApiHttpServer(
    IPEndPoint endPoint,
    int maxBodyBytes,
    Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler,
    ILogger logger,
    TimeSpan? requestTime = null) : IAsyncDisposable
{
    public const int MaxHeadBytes = 16 * 1024;
    private const int MaxConnections = 64;
    private static readonly TimeSpan s_defaultRequestTime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_lingerTime = TimeSpan.FromSeconds(2);
    private static readonly byte[] s_endOfHead = "\r\n\r\n"u8.ToArray();

    private readonly TimeSpan _requestTime = requestTime ?? s_defaultRequestTime;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextId;

    /// <summary>The address actually bound (with the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener!.LocalEndPoint!;

    /// <exception cref="SocketException">The address cannot be listened on.</exception>
    public void Start()
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                listener.DualMode = true;
            }

            listener.Bind(endPoint);
            listener.Listen(64);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A peer that gave up in the queue, or no descriptors left: wait a little and go on.
                LogAcceptFailed(ex.SocketErrorCode.ToString());
                await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
                continue;
            }

            if (_connections.Count >= MaxConnections)
            {
                LogBusy(socket.RemoteEndPoint?.ToString() ?? "?", MaxConnections);
                socket.Dispose();
                continue;
            }

            var id = Interlocked.Increment(ref _nextId);
            var serving = ServeAsync(socket);
            _connections[id] = serving;
            _ = serving.ContinueWith(
                static (_, state) =>
                {
                    var (connections, key) = ((ConcurrentDictionary<long, Task>, long))state!;
                    connections.TryRemove(key, out Task? _);
                },
                (_connections, id),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield();
        var peer = socket.RemoteEndPoint;
        using (socket)
        {
            try
            {
                ApiResponse? response;
                ApiRequest? request;
                // The deadline covers receiving the request; the handler (a reload can take a while) and the
                // answer are not cut by it.
                using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
                {
                    deadline.CancelAfter(_requestTime);
                    try
                    {
                        (request, response) = await ReadRequestAsync(socket, peer, deadline.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                    {
                        LogTooSlow(peer?.ToString() ?? "?", _requestTime.TotalSeconds);
                        return;
                    }
                }

                if (request is not null)
                {
                    response = await HandleAsync(request).ConfigureAwait(false);
                }

                if (response is null)
                {
                    return;
                }

                using var sending = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                sending.CancelAfter(_requestTime);
                await socket.SendAsync(Serialize(response), SocketFlags.None, sending.Token).ConfigureAwait(false);
                socket.Shutdown(SocketShutdown.Send);
                await LingerAsync(socket).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                LogConnectionEnded(peer?.ToString() ?? "?", ex.Message);
            }
        }
    }

    // A request to hand on, or an answer to give at once (a bad request), or neither when the peer went
    // away before a whole request arrived.
    private async Task<(ApiRequest? Request, ApiResponse? Answer)> ReadRequestAsync(Socket socket, EndPoint? peer, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        int endOfHead;
        while ((endOfHead = buffer.AsSpan(0, filled).IndexOf(s_endOfHead)) < 0)
        {
            if (filled == buffer.Length)
            {
                return (null, Error(HttpStatusCode.RequestHeaderFieldsTooLarge, $"the request head is larger than {MaxHeadBytes} bytes"));
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (null, null);
            }

            filled += read;
        }

        if (!RequestHead.TryParse(buffer.AsSpan(0, endOfHead), out var head, out var status, out var problem))
        {
            return (null, Error(status, problem));
        }

        if (head!.ContentLength > maxBodyBytes)
        {
            return (null, Error(HttpStatusCode.RequestEntityTooLarge, $"the body is larger than {maxBodyBytes} bytes"));
        }

        var body = new byte[head.ContentLength];
        var early = Math.Min(filled - endOfHead - s_endOfHead.Length, body.Length);
        buffer.AsSpan(endOfHead + s_endOfHead.Length, early).CopyTo(body);
        if (early < body.Length && head.ExpectsContinue)
        {
            await socket.SendAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        for (var got = early; got < body.Length;)
        {
            var read = await socket.ReceiveAsync(body.AsMemory(got), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (null, null);
            }

            got += read;
        }

        return (new ApiRequest(head.Method, head.Path, head.Query, head.Authorization, body, peer), null);
    }

    private async Task<ApiResponse> HandleAsync(ApiRequest request)
    {
        try
        {
            return await handler(request, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            LogHandlerFailed(ex, request.Method, request.Path);
            return Error(HttpStatusCode.InternalServerError, $"the request failed inside the host: {ex.Message}");
        }
    }

    // Reads what the client still sends (bounded in size and time) after our half-close: closing a socket
    // with unread input resets the connection, and the client could lose the answer.
    private static async Task LingerAsync(Socket socket)
    {
        using var linger = new CancellationTokenSource(s_lingerTime);
        var scratch = new byte[4096];
        try
        {
            for (var total = 0; total < 64 * 1024;)
            {
                var read = await socket.ReceiveAsync(scratch, SocketFlags.None, linger.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                total += read;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // The answer is out; the client is slow to close or already gone.
        }
    }

    private static ApiResponse Error(HttpStatusCode status, string message) =>
        new(status, Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message })));

    private static byte[] Serialize(ApiResponse response)
    {
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {(int)response.Status} {ReasonPhrase(response.Status)}\r\n"
            + "Content-Type: application/json\r\n"
            + $"Content-Length: {response.Json.Length}\r\n"
            + "Connection: close\r\n\r\n");
        var message = new byte[head.Length + response.Json.Length];
        head.CopyTo(message, 0);
        response.Json.CopyTo(message, head.Length);
        return message;
    }

    private static string ReasonPhrase(HttpStatusCode status) => status switch
    {
        HttpStatusCode.OK => "OK",
        HttpStatusCode.Created => "Created",
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.MethodNotAllowed => "Method Not Allowed",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.LengthRequired => "Length Required",
        HttpStatusCode.RequestEntityTooLarge => "Content Too Large",
        HttpStatusCode.UnprocessableEntity => "Unprocessable Content",
        HttpStatusCode.RequestHeaderFieldsTooLarge => "Request Header Fields Too Large",
        HttpStatusCode.InternalServerError => "Internal Server Error",
        _ => status.ToString(),
    };

    [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "management API: accepting failed ({Error}); trying again")]
    private partial void LogAcceptFailed(string error);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "management API: closed a connection from {Source}: {Limit} connections are already open")]
    private partial void LogBusy(string source, int limit);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "management API: {Source} did not send a whole request within {Seconds} s; closed")]
    private partial void LogTooSlow(string source, double seconds);

    [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "management API: connection from {Source} ended: {Reason}")]
    private partial void LogConnectionEnded(string source, string reason);

    [LoggerMessage(EventId = 307, Level = LogLevel.Error, Message = "management API: {Method} {Path} failed")]
    private partial void LogHandlerFailed(Exception exception, string method, string path);
}
