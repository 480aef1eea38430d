using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VMessPlugins.Host.Management.Http;
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
    private readonly byte[] _expectedAuthorization = Encoding.UTF8.GetBytes("Bearer " + settings.Token);
    private ApiHttpServer? _server;

    public ManagementApi(ManagementSettings settings, TrafficStats stats, ILogger<ManagementApi> logger)
        : this(settings, stats, null, logger)
    {
    }

    /// <exception cref="SocketException">The address cannot be listened on.</exception>
    public void Start()
    {
        var server = new ApiHttpServer(new IPEndPoint(settings.Listen, settings.Port), MaxBodyBytes, AnswerAsync, logger);
        server.Start();
        _server = server;
        LogListening(settings.BaseAddress.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ApiResponse> AnswerAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (!IsAuthorized(request))
        {
            LogRefused(request.Remote?.ToString() ?? "?");
            return Json(HttpStatusCode.Unauthorized, json => json.WriteString("error", "missing or wrong token"));
        }

        var (status, body) = await RouteAsync(request, cancellationToken).ConfigureAwait(false);
        return Json(status, body);
    }

    private async Task<(HttpStatusCode Status, Action<Utf8JsonWriter> Body)> RouteAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var path = request.Path.TrimEnd('/');
        switch (request.Method, path)
        {
            case ("GET", "/stats"):
                var reset = IsTrue(request.QueryValue("reset"));
                var counters = stats.Snapshot(reset);
                return (HttpStatusCode.OK, json => WriteStats(json, counters));
            case (_, "/stats"):
                return MethodNotAllowed("GET");
            case ("POST", "/reload") when control is not null:
                var outcome = await control.ReloadAsync(
                    new ReloadRequest(OptionalBool(request.QueryValue("dropRemovedUsers")), OptionalBool(request.QueryValue("dropReplacedInbounds"))), cancellationToken).ConfigureAwait(false);
                return (outcome.Applied ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity, json => WriteReload(json, outcome));
            case ("GET", "/users") when control is not null:
                return Answer(await control.ListUsersAsync(request.QueryValue("inbound"), cancellationToken).ConfigureAwait(false), HttpStatusCode.OK, UserJson.WriteInbounds);
            case ("POST", "/users") when control is not null:
                return await AddUserAsync(control, request, cancellationToken).ConfigureAwait(false);
            case ("DELETE", "/users") when control is not null:
                var inbound = request.QueryValue("inbound");
                var email = request.QueryValue("email");
                if (string.IsNullOrEmpty(inbound) || string.IsNullOrEmpty(email))
                {
                    return Error(HttpStatusCode.BadRequest, "DELETE /users needs ?inbound=TAG&email=EMAIL");
                }

                var removed = await control.RemoveUserAsync(inbound, email, IsTrue(request.QueryValue("dropConnections")), cancellationToken).ConfigureAwait(false);
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

    private static async Task<(HttpStatusCode, Action<Utf8JsonWriter>)> AddUserAsync(IRuntimeControl control, ApiRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(request.Body, writable: false);
        var parsed = await UserJson.ReadAddAsync(body, MaxBodyBytes).ConfigureAwait(false);
        if (parsed.Error is not null)
        {
            return Error(HttpStatusCode.BadRequest, parsed.Error);
        }

        var added = await control.AddUserAsync(parsed.Inbound!, parsed.Email!, parsed.Id, parsed.Level, cancellationToken).ConfigureAwait(false);
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

    private bool IsAuthorized(ApiRequest request)
    {
        var given = Encoding.UTF8.GetBytes(request.Authorization ?? "");
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

    private static ApiResponse Json(HttpStatusCode status, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return new ApiResponse(status, buffer.ToArray());
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "management API listening on {Address}")]
    private partial void LogListening(string address);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "management API: refused a request from {Source} without the right token")]
    private partial void LogRefused(string source);
}
