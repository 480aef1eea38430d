using VMessPlugins.Host.Management;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Management;

/// <summary>
/// The reload test, through the built host: with 50 connections streaming, add a user, remove
/// another and change the log level; then an invalid reload. Once with SIGHUP, once with
/// "vmessplugins reload --drop-removed-users".
/// </summary>
public sealed class LiveReloadTests
{
    private const int PerUser = 25;
    private static readonly TimeSpan s_reloadLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sighup_UnderLoad_KeptUsersStreamIntactNewUserJoinsRemovedUserIsRefused()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await ReloadHost.StartAsync(["alice", "bob"], "warning", api: false, timeout.Token);
        Assert.False(await host.CanConnectAsync("carol", timeout.Token), "carol is not a user yet" + host.Host.Describe());
        var streams = await OpenStreamsAsync(host, timeout.Token);
        try
        {
            await host.WriteConfigAsync(host.Config(["alice", "carol"], "debug", api: false));
            await host.HangUpAsync(s_reloadLimit);

            Assert.Contains("] reloaded: inbounds: 5 kept (1 reconfigured), 0 replaced, 0 added, 0 removed; users: 1 added, 1 removed; 0 connection(s) ended", host.Host.Output.Text);
            await AssertStreamingAsync(streams);
            Assert.True(await host.CanConnectAsync("carol", timeout.Token), "carol was added" + host.Host.Describe());
            Assert.False(await host.CanConnectAsync("bob", timeout.Token), "bob was removed" + host.Host.Describe());
            Assert.Contains("[Debug] vmess inbound [vmess-in]: carol@example.com", host.Host.Output.Text);

            await host.WriteConfigAsync(host.Config(["alice", "bob", "carol"], "warning", api: false).Replace("\"freedom\"", "\"teleport\""));
            await host.HangUpAsync(s_reloadLimit);

            Assert.Contains("] reload refused (1 error(s)); the running config is unchanged", host.Host.Output.Text);
            Assert.Contains($"outbounds[0].protocol: outbound protocol \"teleport\"", host.Host.Output.Text);
            Assert.False(await host.CanConnectAsync("bob", timeout.Token), "the invalid reload must not bring bob back");
            Assert.True(await host.CanConnectAsync("carol", timeout.Token));
            await AssertStreamingAsync(streams);

            // Removed users' connections finish on their own by default: every stream, bob's too, is intact.
            await AssertAllIntactAsync(streams.SelectMany(s => s.Value));
        }
        finally
        {
            await DisposeAllAsync(streams);
        }
    }

    [Fact]
    public async Task ReloadCommand_DropRemovedUsers_EndsOnlyTheirConnections()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await ReloadHost.StartAsync(["alice", "bob"], "warning", api: true, timeout.Token);
        var streams = await OpenStreamsAsync(host, timeout.Token);
        try
        {
            await host.WriteConfigAsync(host.Config(["alice", "carol"], "info", api: true));

            var (code, output, errors) = await CliAsync("reload", "-c", host.Host.ConfigPath, "--drop-removed-users");

            Assert.True(code == 0, errors + host.Host.Describe());
            Assert.StartsWith("reloaded: inbounds: 5 kept (1 reconfigured), 0 replaced, 0 added, 0 removed; users: 1 added, 1 removed; 25 connection(s) ended", output);
            Assert.EndsWith("log level info" + Environment.NewLine, output);
            await AssertStreamingAsync(new() { ["alice"] = streams["alice"] });
            Assert.True(await host.CanConnectAsync("carol", timeout.Token));
            Assert.False(await host.CanConnectAsync("bob", timeout.Token));
            foreach (var bob in streams["bob"])
            {
                Assert.True(await bob.EndsWithinAsync(TimeSpan.FromSeconds(30)), "bob's open connections are ended at once");
            }

            await host.WriteConfigAsync(host.Config(["alice", "bob", "carol"], "loud", api: true));
            var invalid = await CliAsync("reload", "-c", host.Host.ConfigPath);

            Assert.Equal(1, invalid.Code);
            Assert.Contains($"error: {host.Host.ConfigPath}: log.loglevel: must be debug, info, warning, error or none, not \"loud\"", invalid.Errors);
            Assert.Contains("error: reload refused: 1 error(s); the running config is unchanged", invalid.Errors);
            Assert.True(await host.CanConnectAsync("carol", timeout.Token));
            await AssertAllIntactAsync(streams["alice"]);
        }
        finally
        {
            await DisposeAllAsync(streams);
        }
    }

    [Fact]
    public async Task ReloadCommand_WithoutApi_SaysToUseSighup()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var host = await ReloadHost.StartAsync(["alice"], "warning", api: false, timeout.Token);

        var (code, _, errors) = await CliAsync("reload", "-c", host.Host.ConfigPath);

        Assert.Equal(1, code);
        Assert.Contains("the config has no \"management\" section", errors);
        Assert.Contains("SIGHUP", errors);
    }

    private static async Task<Dictionary<string, List<PacedStream>>> OpenStreamsAsync(ReloadHost host, CancellationToken cancellationToken)
    {
        var streams = new Dictionary<string, List<PacedStream>> { ["alice"] = [], ["bob"] = [] };
        for (var i = 0; i < PerUser; i++)
        {
            streams["alice"].Add(await PacedStream.OpenAsync(host.Socks("alice"), host.Echo.Port, seed: 100 + i, cancellationToken));
            streams["bob"].Add(await PacedStream.OpenAsync(host.Socks("bob"), host.Echo.Port, seed: 200 + i, cancellationToken));
        }

        await AssertStreamingAsync(streams);
        return streams;
    }

    // Every connection moves more bytes after this point (none stalled or ended).
    private static async Task AssertStreamingAsync(Dictionary<string, List<PacedStream>> streams)
    {
        var checks = streams.SelectMany(s => s.Value.Select(async (p, i) => (s.Key, i, Ok: await p.AdvancesAsync(16 * 1024, TimeSpan.FromSeconds(30)))));
        var results = await Task.WhenAll(checks);
        Assert.All(results, r => Assert.True(r.Ok, $"{r.Key}'s connection {r.i} stopped streaming"));
    }

    private static async Task AssertAllIntactAsync(IEnumerable<PacedStream> streams)
    {
        var results = await Task.WhenAll(streams.Select(s => s.FinishAsync().WaitAsync(TimeSpan.FromSeconds(60))));
        Assert.All(results, r => Assert.True(r.IsIntact && r.SentBytes >= 32 * 1024, r.ToString()));
    }

    private static async Task DisposeAllAsync(Dictionary<string, List<PacedStream>> streams)
    {
        foreach (var stream in streams.SelectMany(s => s.Value))
        {
            await stream.DisposeAsync();
        }
    }

    private static async Task<(int Code, string Output, string Errors)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await Host.Cli.CommandRunner.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }
}
