using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Management;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Host.Stats;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Runtime;

/// <summary>Live reload in process, with the real TCP transport and the sample plugin.</summary>
public sealed class HostRuntimeTests : IAsyncLifetime
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);
    private readonly SampleHost _host = new();
    private readonly EchoServer _echo = new();
    private readonly int _port = Loopback.FreePort();
    private string _config = "";
    private HostRuntime _runtime = null!;
    private PreparedHost _prepared = null!;

    public async Task InitializeAsync()
    {
        _config = _host.WriteConfig(Config(_port));
        _prepared = _host.Prepare(_config)!;
        Assert.NotNull(_prepared);
        _runtime = new HostRuntime(_prepared, null, new TrafficStats(), TimeProvider.System);
        Assert.True(_runtime.Start(new ConfigDiagnostics()));
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _runtime.StopAsync();
        await _runtime.DisposeAsync();
        await _echo.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task Reload_InvalidConfig_ChangesNothingAndReportsTheErrorsOfTest()
    {
        using var stream = await ConnectAsync(_port);
        var before = _runtime.Server.Runners.ToList();
        File.WriteAllText(_config, Config(_port).Replace("sample-direct", "teleport"));

        var outcome = await _runtime.ReloadAsync(ReloadRequest.FromConfig, CancellationToken.None);

        Assert.False(outcome.Applied);
        Assert.Contains(outcome.Errors, e => e.StartsWith($"error: {_config}: outbounds[0].protocol: outbound protocol \"teleport\"", StringComparison.Ordinal));
        Assert.Equal(before, _runtime.Server.Runners);
        await AssertEchoAsync(stream.GetStream(), "still served");
        using var again = await ConnectAsync(_port);
        await AssertEchoAsync(again.GetStream(), "new connection too");
    }

    [Fact]
    public async Task Reload_AddedInbound_ListensAndTheKeptOneKeepsItsConnection()
    {
        using var kept = await ConnectAsync(_port);
        var added = Loopback.FreePort();
        File.WriteAllText(_config, Config(_port, added));

        var outcome = await _runtime.ReloadAsync(ReloadRequest.FromConfig, CancellationToken.None);

        Assert.True(outcome.Applied, string.Join("\n", outcome.Errors));
        Assert.StartsWith("inbounds: 1 kept (0 reconfigured), 0 replaced, 1 added, 0 removed", outcome.Summary);
        await AssertEchoAsync(kept.GetStream(), "kept");
        using var fresh = await ConnectAsync(added);
        await AssertEchoAsync(fresh.GetStream(), "added");
    }

    [Fact]
    public async Task Reload_ChangedPort_OldConnectionStaysAndTheOldPortCloses()
    {
        using var old = await ConnectAsync(_port);
        // Proves the connection was accepted: one still queued in the kernel when its listener closes is reset.
        await AssertEchoAsync(old.GetStream(), "accepted before the reload");
        var moved = Loopback.FreePort();
        File.WriteAllText(_config, Config(moved));

        var outcome = await _runtime.ReloadAsync(ReloadRequest.FromConfig, CancellationToken.None);

        Assert.True(outcome.Applied);
        Assert.Contains("1 replaced", outcome.Summary);
        await AssertEchoAsync(old.GetStream(), "finishing on its own");
        using var fresh = await ConnectAsync(moved);
        await AssertEchoAsync(fresh.GetStream(), "moved");
        await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(_port));
    }

    [Fact]
    public async Task Reload_SettingsChangedOnTheSamePort_NewHandlerListensThereAndTheOldConnectionStays()
    {
        await using var other = new EchoServer();
        using var old = await ConnectAsync(_port);
        // Proves the connection was accepted: one still queued in the kernel when its listener closes is reset.
        await AssertEchoAsync(old.GetStream(), "accepted before the reload");
        File.WriteAllText(_config, Config(_port).Replace($"\"port\": {_echo.Port}", $"\"port\": {other.Port}"));

        var outcome = await _runtime.ReloadAsync(ReloadRequest.FromConfig, CancellationToken.None);

        Assert.True(outcome.Applied, string.Join("\n", outcome.Errors));
        Assert.Contains("1 replaced", outcome.Summary);
        using var fresh = await ConnectAsync(_port);
        await AssertEchoAsync(fresh.GetStream(), "to the other echo server");
        await AssertEchoAsync(old.GetStream(), "the old one still relays");
    }

    [Fact]
    public async Task Reload_LogLevel_TakesEffect()
    {
        File.WriteAllText(_config, Config(_port).Replace("\"inbounds\"", "\"log\": { \"loglevel\": \"debug\" }, \"inbounds\""));

        var outcome = await _runtime.ReloadAsync(ReloadRequest.FromConfig, CancellationToken.None);

        Assert.True(outcome.Applied);
        Assert.EndsWith("log level debug", outcome.Summary);
        Assert.Equal(LogLevel.Debug, _prepared.LogSwitch.Settings.Level);
        Assert.True(_prepared.LoggerFactory.CreateLogger("x").IsEnabled(LogLevel.Debug));
    }

    [Fact]
    public async Task Reload_SamePlugins_KeepsTheServiceProvider()
    {
        var provider = _prepared.PluginHost.Current!.Provider;

        Assert.True((await _runtime.ReloadAsync(ReloadRequest.FromConfig, CancellationToken.None)).Applied);

        Assert.Same(provider, _prepared.PluginHost.Current!.Provider);
    }

    [Fact]
    public async Task Reload_NewlyEnabledPlugin_IsLoadedAndTheOthersAreNotLoadedAgain()
    {
        var loaded = _prepared.PluginHost.Loaded.ToDictionary();
        PluginFolder.CopyHostPlugin(_host.Temp, "Blackhole");
        PluginFolder.WriteManifest(_host.Temp, """{ "Transport.Tcp": true, "SamplePlugin": true, "Blackhole": true }""");
        File.WriteAllText(_config, Config(_port).Replace("""{ "tag": "direct", "protocol": "sample-direct" }""",
            """{ "tag": "direct", "protocol": "sample-direct" }, { "tag": "block", "protocol": "blackhole" }"""));

        var outcome = await _runtime.ReloadAsync(ReloadRequest.FromConfig, CancellationToken.None);

        Assert.True(outcome.Applied, string.Join("\n", outcome.Errors));
        Assert.Equal(loaded.Count + 1, _prepared.PluginHost.Loaded.Count);
        Assert.All(loaded, pair => Assert.Same(pair.Value, _prepared.PluginHost.Loaded[pair.Key]));
    }

    [Fact]
    public async Task Users_OnAnInboundWithoutUsers_AreClearErrors()
    {
        var notManaged = await _runtime.ListUsersAsync("door", CancellationToken.None);
        var unknown = await _runtime.AddUserAsync("nope", "a@b", null, 0, CancellationToken.None);
        var badId = await _runtime.AddUserAsync("door", "a@b", "not-a-uuid", 0, CancellationToken.None);

        Assert.Equal(ControlStatus.Conflict, notManaged.Status);
        Assert.Equal("inbound \"door\" (sample-door) does not manage users", notManaged.Error);
        Assert.Equal(ControlStatus.NotFound, unknown.Status);
        Assert.Equal("no running inbound has the tag \"nope\" (tags: \"door\")", unknown.Error);
        Assert.Equal(ControlStatus.Invalid, badId.Status);
        Assert.StartsWith("id must be a UUID", badId.Error);
    }

    private string Config(int port, int? second = null)
    {
        var extra = second is null ? "" : $$"""
            , { "tag": "door2", "listen": "127.0.0.1", "port": {{second}}, "protocol": "sample-door",
                "settings": { "address": "127.0.0.1", "port": {{_echo.Port}} } }
            """;
        return $$"""
            {
              "inbounds": [
                { "tag": "door", "listen": "127.0.0.1", "port": {{port}}, "protocol": "sample-door",
                  "settings": { "address": "127.0.0.1", "port": {{_echo.Port}} } } {{extra}}
              ],
              "outbounds": [ { "tag": "direct", "protocol": "sample-direct" } ]
            }
            """;
    }

    private static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task AssertEchoAsync(NetworkStream stream, string text)
    {
        using var timeout = new CancellationTokenSource(s_limit);
        var sent = Encoding.ASCII.GetBytes(text);
        await stream.WriteAsync(sent, timeout.Token);
        var echoed = new byte[sent.Length];
        await stream.ReadExactlyAsync(echoed, timeout.Token);
        Assert.Equal(text, Encoding.ASCII.GetString(echoed));
    }
}
