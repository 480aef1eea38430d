using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Ops.Tests.Management;

/// <summary>"vmessplugins api users ..." and the /users and /reload endpoints against the built host.</summary>
public sealed class UsersApiTests : IAsyncLifetime
{
    private const string Dave = "dave@example.com";
    private ReloadHost _host = null!;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));

    public async Task InitializeAsync() => _host = await ReloadHost.StartAsync(["alice"], "warning", api: true, _timeout.Token);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Add_UserCanConnectAndIsCountedLikeAConfiguredOne()
    {
        Assert.False(await _host.CanConnectAsync("dave", _timeout.Token), "dave is not a user yet");

        var added = await ApiAsync("users", "add", "--inbound", "vmess-in", "--email", Dave, "--id", ReloadHost.DaveId, "--level", "0");

        Assert.True(added.Code == 0, added.Errors);
        Assert.Equal($"added {Dave} to vmess-in: id {ReloadHost.DaveId}, level 0{Environment.NewLine}", added.Output);
        const int size = 256 * 1024;
        await using (var stream = await Socks5Client.ConnectAsync(_host.Socks("dave"), "127.0.0.1", _host.Echo.Port, cancellationToken: _timeout.Token))
        {
            var pumped = await DataPump.PumpAsync(stream, size, seed: 7, _timeout.Token);
            Assert.True(pumped.IsIntact, pumped.ToString());
        }

        var stats = await Support.Eventually.WaitAsync(StatsAsync, s => s.GetValueOrDefault($"user>>>{Dave}>>>traffic>>>downlink") >= size, TimeSpan.FromSeconds(10), _timeout.Token);
        Assert.Equal(size, stats[$"user>>>{Dave}>>>traffic>>>uplink"]);
        Assert.Equal(size, stats[$"user>>>{Dave}>>>traffic>>>downlink"]);
        Assert.Equal(size, stats["inbound>>>vmess-in>>>traffic>>>uplink"]);
        Assert.Equal(size, stats["outbound>>>as-dave>>>traffic>>>downlink"]);
    }

    [Fact]
    public async Task List_ShowsConfiguredAndAddedUsers()
    {
        await ApiAsync("users", "add", "--inbound", "vmess-in", "--email", Dave, "--id", ReloadHost.DaveId);

        var (code, output, errors) = await ApiAsync("users", "list", "--inbound", "vmess-in");

        Assert.True(code == 0, errors);
        Assert.Equal(
            $"vmess-in (vmess): 2 user(s){Environment.NewLine}"
            + $"  alice@example.com  id {ReloadHost.AliceId}  level 0{Environment.NewLine}"
            + $"  {Dave}  id {ReloadHost.DaveId}  level 0{Environment.NewLine}",
            output);
    }

    [Fact]
    public async Task Reload_ThatKeepsTheInbound_KeepsUsersAddedThroughTheApi()
    {
        await ApiAsync("users", "add", "--inbound", "vmess-in", "--email", Dave, "--id", ReloadHost.DaveId);
        Assert.True(await _host.CanConnectAsync("dave", _timeout.Token));

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await Host.Cli.CommandRunner.RunAsync(["reload", "-c", _host.Host.ConfigPath], output, errors);

        Assert.True(code == 0, errors.ToString());
        Assert.Contains("inbounds: 5 kept (1 reconfigured), 0 replaced, 0 added, 0 removed; users: 0 added, 0 removed", output.ToString());
        Assert.True(await _host.CanConnectAsync("dave", _timeout.Token));
        Assert.Contains(Dave, (await ApiAsync("users", "list")).Output);
    }

    [Fact]
    public async Task Add_WithoutId_GetsANewUuid()
    {
        var (code, output, errors) = await ApiAsync("users", "add", "--inbound", "vmess-in", "--email", "eve@example.com", "--level", "1");

        Assert.True(code == 0, errors);
        var id = output.Split("id ")[1].Split(',')[0];
        Assert.True(Guid.TryParse(id, out var parsed) && parsed != Guid.Empty, output);
        Assert.EndsWith($"level 1{Environment.NewLine}", output);
    }

    [Fact]
    public async Task Remove_NewConnectionsAreRefused_OpenOnesEndWithDropConnections()
    {
        await ApiAsync("users", "add", "--inbound", "vmess-in", "--email", Dave, "--id", ReloadHost.DaveId);
        await using var open = await Support.PacedStream.OpenAsync(_host.Socks("dave"), _host.Echo.Port, seed: 9, _timeout.Token);
        Assert.True(await open.AdvancesAsync(8 * 1024, TimeSpan.FromSeconds(20)));

        var (code, output, errors) = await ApiAsync("users", "remove", "--inbound", "vmess-in", "--email", Dave, "--drop-connections");

        Assert.True(code == 0, errors);
        Assert.Equal($"removed {Dave} from vmess-in (1 open connection(s) ended){Environment.NewLine}", output);
        Assert.True(await open.EndsWithinAsync(TimeSpan.FromSeconds(20)));
        Assert.False(await _host.CanConnectAsync("dave", _timeout.Token));
        Assert.True(await _host.CanConnectAsync("alice", _timeout.Token));
    }

    [Theory]
    [InlineData(new[] { "users", "list", "--inbound", "nope" }, "error: no running inbound has the tag \"nope\"")]
    [InlineData(new[] { "users", "add", "--inbound", "socks-alice", "--email", "x@y" }, "error: inbound \"socks-alice\" (socks) does not manage users")]
    [InlineData(new[] { "users", "add", "--inbound", "vmess-in", "--email", "alice@example.com" }, "error: email alice@example.com is already a user")]
    [InlineData(new[] { "users", "remove", "--inbound", "vmess-in", "--email", "nobody@example.com" }, "error: inbound \"vmess-in\" has no user with email \"nobody@example.com\"")]
    public async Task Users_Mistakes_AreOneClearErrorAndExitOne(string[] args, string expected)
    {
        var (code, _, errors) = await ApiAsync(args);

        Assert.True(code == 1, $"exit {code}: {errors}");
        Assert.StartsWith(expected, errors);
    }

    [Fact]
    public async Task Add_BadUuid_IsRefusedByTheCliAndByTheApi()
    {
        var cli = await ApiAsync("users", "add", "--inbound", "vmess-in", "--email", Dave, "--id", "not-a-uuid");
        using var client = Client(ReloadHost.Token);
        using var api = await client.PostAsync("users", Json($$"""{ "inbound": "vmess-in", "email": "{{Dave}}", "id": "not-a-uuid" }"""), _timeout.Token);

        Assert.Equal(2, cli.Code);
        Assert.StartsWith("error: --id must be a UUID", cli.Errors);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("id must be a UUID", await api.Content.ReadAsStringAsync(_timeout.Token));
    }

    [Fact]
    public async Task WrongToken_IsNamedAsSuch()
    {
        var other = Path.Combine(Path.GetDirectoryName(_host.Host.ConfigPath)!, "other.json");
        await File.WriteAllTextAsync(other, (await File.ReadAllTextAsync(_host.Host.ConfigPath)).Replace(ReloadHost.Token, "another-token-0123456789"));

        var (code, _, errors) = await ApiAsync("users", "list", "-c", other);

        Assert.Equal(1, code);
        Assert.Contains("refused the token", errors);
    }

    [Fact]
    public async Task ApiOff_IsNamedAsSuch()
    {
        using var config = new Support.TempConfig("""{ "outbounds": [ { "protocol": "freedom" } ] }""");
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var code = await Host.Management.ApiCommand.RunAsync(["users", "list", "-c", config.FilePath], output, errors);

        Assert.Equal(1, code);
        Assert.StartsWith("error: the config has no \"management\" section, so the API is off", errors.ToString());
    }

    [Theory]
    [InlineData("POST", "reload")]
    [InlineData("GET", "users")]
    [InlineData("POST", "users")]
    [InlineData("DELETE", "users?inbound=vmess-in&email=alice@example.com")]
    public async Task Endpoints_WithoutTheToken_AreRefused(string method, string path)
    {
        using var client = Client(null);
        using var response = await SendRefusedAsync(client, method, path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(await _host.CanConnectAsync("alice", _timeout.Token));
        Assert.False(await _host.CanConnectAsync("dave", _timeout.Token));
    }

    private async Task<HttpResponseMessage> SendRefusedAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Json($$"""{ "inbound": "vmess-in", "email": "{{Dave}}" }""");
        }

        return await client.SendAsync(request, _timeout.Token);
    }

    private HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = _host.ApiBase };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(int Code, string Output, string Errors)> ApiAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var withConfig = args.Contains("-c") ? args : [.. args, "-c", _host.Host.ConfigPath];
        var code = await Host.Management.ApiCommand.RunAsync(withConfig, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private async Task<Dictionary<string, long>> StatsAsync()
    {
        var (code, output, errors) = await ApiAsync("stats");
        Assert.True(code == 0, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
