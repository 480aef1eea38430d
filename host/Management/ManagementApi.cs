using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VMessPlugins.Host.Stats;

namespace VMessPlugins.Host.Management;

/// <summary>
/// The local management API: <c>GET /stats[?reset=true]</c> returns every counter as
/// <c>{"stat":[{"name":...,"value":...}]}</c>. Every request needs <c>Authorization: Bearer TOKEN</c>.
/// </summary>
internal sealed partial class ManagementApi(ManagementSettings settings, TrafficStats stats, ILogger<ManagementApi> logger) : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _expectedAuthorization = Encoding.UTF8.GetBytes("Bearer " + settings.Token);
    private Task _acceptLoop = Task.CompletedTask;

    /// <exception cref="HttpListenerException">The port cannot be listened on.</exception>
    public void Start()
    {
        _listener.Prefixes.Add(settings.BaseAddress.ToString());
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
        LogListening(settings.BaseAddress.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener.IsListening)
        {
            _listener.Stop();
        }

        _listener.Close();
        await _acceptLoop.ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (!IsAuthorized(context.Request))
            {
                LogRefused(context.Request.RemoteEndPoint?.ToString() ?? "?");
                await WriteAsync(response, HttpStatusCode.Unauthorized, json => json.WriteString("error", "missing or wrong token")).ConfigureAwait(false);
                return;
            }

            if (context.Request.HttpMethod != "GET" || context.Request.Url?.AbsolutePath != "/stats")
            {
                await WriteAsync(response, HttpStatusCode.NotFound, json => json.WriteString("error", "only GET /stats is served")).ConfigureAwait(false);
                return;
            }

            var reset = string.Equals(context.Request.QueryString["reset"], "true", StringComparison.OrdinalIgnoreCase);
            await WriteAsync(response, HttpStatusCode.OK, json => WriteStats(json, stats.Snapshot(reset))).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            LogAnswerFailed(ex.Message);
        }
        finally
        {
            response.Close();
        }
    }

    private bool IsAuthorized(HttpListenerRequest request)
    {
        var given = Encoding.UTF8.GetBytes(request.Headers["Authorization"] ?? "");
        return CryptographicOperations.FixedTimeEquals(given, _expectedAuthorization);
    }

    private static void WriteStats(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, long>> counters)
    {
        json.WriteStartArray("stat");
        foreach (var (name, value) in counters)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNumber("value", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static async Task WriteAsync(HttpListenerResponse response, HttpStatusCode status, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        response.ContentLength64 = buffer.Length;
        await response.OutputStream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "management API listening on {Address}")]
    private partial void LogListening(string address);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "management API: refused a request from {Source} without the right token")]
    private partial void LogRefused(string source);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "management API: answering failed: {Reason}")]
    private partial void LogAnswerFailed(string reason);
}
