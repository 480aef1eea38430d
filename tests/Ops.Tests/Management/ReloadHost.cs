using System.Diagnostics;
using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Management;

/// <summary>
/// One host process that is its own VMess client: socks inbounds per user (socks-alice, socks-bob,
/// socks-carol), each routed to a vmess outbound with that user's id, back to its own vmess inbound
/// (vmess-in), then freedom to a loopback echo server. The config's users and log level can be
/// rewritten and the host reloaded (SIGHUP or "vmessplugins reload").
/// </summary>
internal sealed class ReloadHost : IAsyncDisposable
{
    public const string Token = "reload-token-0123456789abcdef";
    public const string AliceId = "b831381d-6324-4d53-ad4f-8cda48b30811";
    public const string BobId = "27848739-7e62-4138-9fd3-098a63964b6b";
    public const string CarolId = "5f2c1c7a-4d0e-4c59-9a1b-7a3c7c9d2e10";
    public const string DaveId = "9d7e3c2b-1a4f-4e6d-8c5b-3f2a1e0d9c8b";

    private readonly ushort _vmessPort = FreePort.Tcp();
    private readonly ushort _apiPort = FreePort.Tcp();
    private readonly Dictionary<string, ushort> _socks = new()
    {
        ["alice"] = FreePort.Tcp(), ["bob"] = FreePort.Tcp(), ["carol"] = FreePort.Tcp(), ["dave"] = FreePort.Tcp(),
    };

    private HostProcess? _host;

    public TcpEchoServer Echo { get; } = new(IPAddress.Loopback);

    public HostProcess Host => _host!;

    public Uri ApiBase => new($"http://127.0.0.1:{_apiPort}/");

    public IPEndPoint Socks(string user) => new(IPAddress.Loopback, _socks[user]);

    public static async Task<ReloadHost> StartAsync(IReadOnlyList<string> users, string logLevel, bool api, CancellationToken cancellationToken)
    {
        // Ports are picked free, but other tests' connections may take one before the host binds it:
        // then start again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            var host = new ReloadHost();
            try
            {
                ushort[] ready = api ? [host._vmessPort, host._apiPort, .. host._socks.Values] : [host._vmessPort, .. host._socks.Values];
                host._host = await HostProcess.StartAsync(host.Config(users, logLevel, api), ready, cancellationToken: cancellationToken);
                return host;
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("is already in use", StringComparison.Ordinal))
            {
                await host.DisposeAsync();
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The config with <paramref name="users"/> (of alice, bob, carol, dave) as the vmess inbound's clients.</summary>
    public string Config(IReadOnlyList<string> users, string logLevel, bool api)
    {
        var clients = string.Join(", ", users.Select(u => $$"""{ "id": "{{IdOf(u)}}", "email": "{{u}}@example.com" }"""));
        var socks = string.Join(", ", _socks.Select(s => $$"""{ "tag": "socks-{{s.Key}}", "listen": "127.0.0.1", "port": {{s.Value}}, "protocol": "socks", "settings": { "auth": "noauth" } }"""));
        var outbounds = string.Join(", ", _socks.Keys.Select(u => $$"""
            { "tag": "as-{{u}}", "protocol": "vmess", "settings": { "vnext": [ { "address": "127.0.0.1", "port": {{_vmessPort}}, "users": [ { "id": "{{IdOf(u)}}" } ] } ] } }
            """));
        var rules = string.Join(", ", _socks.Keys.Select(u => $$"""{ "type": "field", "inboundTag": [ "socks-{{u}}" ], "outboundTag": "as-{{u}}" }"""));
        var management = api ? $$""", "management": { "port": {{_apiPort}}, "token": "{{Token}}" }""" : "";
        return $$"""
            {
              "log": { "loglevel": "{{logLevel}}" },
              "policy": { "levels": { "0": { "handshake": 2 } } },
              "inbounds": [
                { "tag": "vmess-in", "listen": "127.0.0.1", "port": {{_vmessPort}}, "protocol": "vmess", "settings": { "clients": [ {{clients}} ] } },
                {{socks}}
              ],
              "outbounds": [ { "tag": "direct", "protocol": "freedom", "settings": {} }, {{outbounds}} ],
              "routing": { "rules": [ {{rules}} ] } {{management}}
            }
            """;
    }

    public static string IdOf(string user) => user switch
    {
        "alice" => AliceId,
        "bob" => BobId,
        "carol" => CarolId,
        _ => DaveId,
    };

    public async Task WriteConfigAsync(string json) => await File.WriteAllTextAsync(Host.ConfigPath, json);

    /// <summary>Sends SIGHUP and waits until the host has logged one more reload outcome.</summary>
    public async Task HangUpAsync(TimeSpan timeout)
    {
        var before = Outcomes();
        using var kill = Process.Start("kill", ["-HUP", Host.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (Outcomes() == before)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException("no reload outcome was logged after SIGHUP" + Host.Describe());
            }

            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>Opens a connection as <paramref name="user"/> and checks one echo round trip.</summary>
    public async Task<bool> CanConnectAsync(string user, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await Socks5Client.ConnectAsync(Socks(user), "127.0.0.1", Echo.Port, cancellationToken: cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(10));
            var pumped = await DataPump.PumpAsync(stream, 4096, seed: user.Length, wait.Token);
            return pumped.IsIntact;
        }
        catch (Exception ex) when (ex is IOException or Socks5ReplyException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Echo.DisposeAsync();
    }

    private int Outcomes()
    {
        var text = Host.Output.Text;
        return Count(text, "] reloaded: ") + Count(text, "] reload refused");
    }

    private static int Count(string text, string fragment)
    {
        var count = 0;
        for (var at = text.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fragment, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
