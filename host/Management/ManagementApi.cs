using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VMessPlugins.Host.Stats;

namespace VMessPlugins.Host.Management;

/// <summary>
/// The local management API (every request needs <c>Authorization: Bearer TOKEN</c>):
/// <list type="bullet">
/// <item><c>GET /stats[?reset=true]</c>: every counter as <c>{"stat":[{"name":...,"value":...}]}</c>.</item>
/// <item><c>POST /reload[?dropRemovedUsers=true&amp;dropReplacedInbounds=true]</c>: live reload (200 applied, 422 refused).</item>
/// <item><c>GET /users[?inbound=TAG]</c>, <c>POST /users</c> <c>{inbound, email, id?, level?}</c>,
/// <c>DELETE /users?inbound=TAG&amp;email=E[&amp;dropConnections=true]</c>.</item>
/// </list>
/// </summary>
internal sealed partial class ManagementApi(ManagementSettings settings, TrafficStats stats, IRuntimeControl? control, ILogger<ManagementApi> logger) : IAsyncDisposable
{
    private const int MaxBodyBytes = 64 * 1024;
    private static readonly TimeSpan s_drainTime = TimeSpan.FromSeconds(2);
    private readonly HttpListener _listener = new();
    private readonly byte[] _expectedAuthorization = Encoding.UTF8.GetBytes("Bearer " + settings.Token);
    private Task _acceptLoop = Task.CompletedTask;

    public ManagementApi(ManagementSettings settings, TrafficStats stats, ILogger<ManagementApi> logger)
        : this(settings, stats, null, logger)
    {
    }

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
                await DrainRequestAsync(context.Request).ConfigureAwait(false);
                await WriteAsync(response, HttpStatusCode.Unauthorized, json => json.WriteString("error", "missing or wrong token")).ConfigureAwait(false);
                return;
            }

            var (status, body) = await RouteAsync(context.Request).ConfigureAwait(false);
            await DrainRequestAsync(context.Request).ConfigureAwait(false);
            await WriteAsync(response, status, body).ConfigureAwait(false);
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

    private async Task<(HttpStatusCode Status, Action<Utf8JsonWriter> Body)> RouteAsync(HttpListenerRequest request)
    {
        var path = request.Url?.AbsolutePath.TrimEnd('/') ?? "";
        var query = request.QueryString;
        switch (request.HttpMethod, path)
        {
            case ("GET", "/stats"):
                var reset = IsTrue(query["reset"]);
                var counters = stats.Snapshot(reset);
                return (HttpStatusCode.OK, json => WriteStats(json, counters));
            case (_, "/stats"):
                return MethodNotAllowed("GET");
            case ("POST", "/reload") when control is not null:
                var outcome = await control.ReloadAsync(
                    new ReloadRequest(OptionalBool(query["dropRemovedUsers"]), OptionalBool(query["dropReplacedInbounds"])), CancellationToken.None).ConfigureAwait(false);
                return (outcome.Applied ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity, json => WriteReload(json, outcome));
            case ("GET", "/users") when control is not null:
                return Answer(await control.ListUsersAsync(query["inbound"], CancellationToken.None).ConfigureAwait(false), HttpStatusCode.OK, UserJson.WriteInbounds);
            case ("POST", "/users") when control is not null:
                return await AddUserAsync(control, request).ConfigureAwait(false);
            case ("DELETE", "/users") when control is not null:
                if (string.IsNullOrEmpty(query["inbound"]) || string.IsNullOrEmpty(query["email"]))
                {
                    return Error(HttpStatusCode.BadRequest, "DELETE /users needs ?inbound=TAG&email=EMAIL");
                }

                var removed = await control.RemoveUserAsync(query["inbound"]!, query["email"]!, IsTrue(query["dropConnections"]), CancellationToken.None).ConfigureAwait(false);
                return Answer(removed, HttpStatusCode.OK, (json, ended) =>
                {
                    json.WriteBoolean("removed", true);
                    json.WriteNumber("connectionsEnded", ended);
                });
            case (_, "/reload" or "/users") when control is not null:
                return MethodNotAllowed(path == "/reload" ? "POST" : "GET, POST, DELETE");
            default:
                return Error(HttpStatusCode.NotFound, control is null ? "only GET /stats is served"
                    : "served: GET /stats, POST /reload, GET|POST|DELETE /users");
        }
    }

    private static async Task<(HttpStatusCode, Action<Utf8JsonWriter>)> AddUserAsync(IRuntimeControl control, HttpListenerRequest request)
    {
        var parsed = await UserJson.ReadAddAsync(request.InputStream, MaxBodyBytes).ConfigureAwait(false);
        if (parsed.Error is not null)
        {
            return Error(HttpStatusCode.BadRequest, parsed.Error);
        }

        var added = await control.AddUserAsync(parsed.Inbound!, parsed.Email!, parsed.Id, parsed.Level, CancellationToken.None).ConfigureAwait(false);
        return Answer(added, HttpStatusCode.Created, (json, user) =>
        {
            json.WriteString("inbound", parsed.Inbound);
            UserJson.WriteUserFields(json, user);
        });
    }

    private static (HttpStatusCode, Action<Utf8JsonWriter>) Answer<T>(ControlResult<T> result, HttpStatusCode ok, Action<Utf8JsonWriter, T> write) =>
        result.Status switch
        {
            ControlStatus.Ok => (ok, json => write(json, result.Value!)),
            ControlStatus.NotFound => Error(HttpStatusCode.NotFound, result.Error!),
            ControlStatus.Conflict => Error(HttpStatusCode.Conflict, result.Error!),
            _ => Error(HttpStatusCode.BadRequest, result.Error!),
        };

    private static (HttpStatusCode, Action<Utf8JsonWriter>) Error(HttpStatusCode status, string message) =>
        (status, json => json.WriteString("error", message));

    private static (HttpStatusCode, Action<Utf8JsonWriter>) MethodNotAllowed(string allowed) =>
        Error(HttpStatusCode.MethodNotAllowed, $"use {allowed}");

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    private static bool? OptionalBool(string? value) => value is null ? null : IsTrue(value);

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

    private static void WriteReload(Utf8JsonWriter json, ReloadOutcome outcome)
    {
        json.WriteBoolean("applied", outcome.Applied);
        json.WriteString("summary", outcome.Summary);
        json.WriteStartArray("errors");
        foreach (var error in outcome.Errors)
        {
            json.WriteStringValue(error);
        }

        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var warning in outcome.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
    }

    // Reads what is left of a request body nobody used (bounded in size and time): closing a connection with
    // unread input resets it, and the client could lose the answer.
    private static async Task DrainRequestAsync(HttpListenerRequest request)
    {
        if (!request.HasEntityBody)
        {
            return;
        }

        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + s_drainTime;
        try
        {
            for (long total = 0; total < MaxBodyBytes;)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return;
                }

                var read = await request.InputStream.ReadAsync(buffer).AsTask().WaitAsync(left).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                total += read;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpListenerException or ObjectDisposedException or TimeoutException)
        {
            // The answer goes out anyway.
        }
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
