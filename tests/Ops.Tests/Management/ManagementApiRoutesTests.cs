using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Management;
using VMessPlugins.Host.Stats;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Ops.Tests.Management;

/// <summary>The API's routes and status codes in process, against a Moq runtime.</summary>
public sealed class ManagementApiRoutesTests : IAsyncLifetime
{
    private const string Token = "routes-token-0123456789";
    private readonly Mock<IRuntimeControl> _control = new(MockBehavior.Strict);
    private readonly ManagementSettings _settings = new(IPAddress.Loopback, FreePort.Tcp(), Token);
    private readonly HttpClient _client;
    private ManagementApi _api = null!;

    public ManagementApiRoutesTests()
    {
        _client = new HttpClient { BaseAddress = _settings.BaseAddress };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public Task InitializeAsync()
    {
        _api = new ManagementApi(_settings, new TrafficStats(), _control.Object, NullLogger<ManagementApi>.Instance);
        _api.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task Reload_Refused_Is422WithTheErrors_AndTheQueryOverridesTheConfig()
    {
        _control.Setup(c => c.ReloadAsync(new ReloadRequest(true, null), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ReloadOutcome(false, "reload refused: 1 error(s)", ["error: c.json: log.loglevel: bad"], []));

        using var response = await _client.PostAsync("reload?dropRemovedUsers=true", null);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(body.GetProperty("applied").GetBoolean());
        Assert.Equal("error: c.json: log.loglevel: bad", body.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Users_List_IsJson()
    {
        _control.Setup(c => c.ListUsersAsync(null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ControlResult<IReadOnlyList<InboundUsers>>.Ok([new InboundUsers("in", "vmess", [new UserInfo("id-1", "a@b", 2)])]));

        using var response = await _client.GetAsync("users");
        var inbound = (await JsonAsync(response)).GetProperty("inbounds")[0];

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("in", inbound.GetProperty("tag").GetString());
        Assert.Equal("a@b", inbound.GetProperty("users")[0].GetProperty("email").GetString());
        Assert.Equal(2u, inbound.GetProperty("users")[0].GetProperty("level").GetUInt32());
    }

    [Fact]
    public async Task Users_Add_Is201WithTheUser()
    {
        _control.Setup(c => c.AddUserAsync("in", "a@b", null, 3, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ControlResult<UserInfo>.Ok(new UserInfo("generated", "a@b", 3)));

        using var response = await _client.PostAsync("users", Json("""{ "Inbound": "in", "email": "a@b", "level": 3 }"""));
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("generated", body.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(nameof(ControlStatus.NotFound), HttpStatusCode.NotFound)]
    [InlineData(nameof(ControlStatus.Conflict), HttpStatusCode.Conflict)]
    [InlineData(nameof(ControlStatus.Invalid), HttpStatusCode.BadRequest)]
    public async Task Users_Add_Failures_MapToStatusWithTheMessage(string status, HttpStatusCode expected)
    {
        _control.Setup(c => c.AddUserAsync("in", "a@b", null, 0, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ControlResult<UserInfo>.Fail(Enum.Parse<ControlStatus>(status), "why not"));

        using var response = await _client.PostAsync("users", Json("""{ "inbound": "in", "email": "a@b" }"""));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("why not", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{ not json", "the body is not valid JSON")]
    [InlineData("""{ "inbound": "in" }""", "\"inbound\" and \"email\" are required strings")]
    [InlineData("""{ "inbound": "in", "email": "a@b", "level": -1 }""", "\"level\" must be a whole number")]
    [InlineData("[]", "the body must be a JSON object")]
    public async Task Users_Add_BadBody_Is400BeforeTheRuntimeIsAsked(string json, string expected)
    {
        using var response = await _client.PostAsync("users", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, (await JsonAsync(response)).GetProperty("error").GetString());
        _control.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Users_Remove_NeedsInboundAndEmail_AndPassesDropConnections()
    {
        _control.Setup(c => c.RemoveUserAsync("in", "a@b", true, It.IsAny<CancellationToken>())).ReturnsAsync(ControlResult<int>.Ok(4));

        using var missing = await _client.DeleteAsync("users?inbound=in");
        using var removed = await _client.DeleteAsync("users?inbound=in&email=a%40b&dropConnections=true");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(4, (await JsonAsync(removed)).GetProperty("connectionsEnded").GetInt32());
    }

    [Fact]
    public async Task UnknownPath_Is404AndWrongMethod405()
    {
        using var unknown = await _client.GetAsync("nothing");
        using var wrong = await _client.GetAsync("reload");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrong.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
