using System.Net;
using VMessPlugins.Host.Management;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Management;

/// <summary>
/// A host process with a vmess inbound for alice@example.com, a SOCKS inbound routed through a vmess
/// outbound back to that inbound, and the management API; plus a loopback echo server.
/// </summary>
internal sealed class StatsHost : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";
    public const string Email = "alice@example.com";

    private StatsHost(HostProcess host, TcpEchoServer echo, ushort socksPort, ushort apiPort)
    {
        Host = host;
        Echo = echo;
        Socks = new IPEndPoint(IPAddress.Loopback, socksPort);
        ApiBase = new Uri($"http://127.0.0.1:{apiPort}/");
    }

    public HostProcess Host { get; }

    public TcpEchoServer Echo { get; }

    public IPEndPoint Socks { get; }

    public Uri ApiBase { get; }

    public static async Task<StatsHost> StartAsync(CancellationToken cancellationToken)
    {
        var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        var apiPort = FreePort.Tcp();
        var config = $$"""
            {
              "inbounds": [
                { "tag": "vmess-in", "listen": "127.0.0.1", "port": {{vmessPort}}, "protocol": "vmess",
                  "settings": { "clients": [ { "id": "{{Support.Links.Id}}", "email": "{{Email}}" } ] } },
                { "tag": "socks-in", "listen": "127.0.0.1", "port": {{socksPort}}, "protocol": "socks", "settings": { "auth": "noauth", "udp": true } }
              ],
              "outbounds": [
                { "tag": "direct", "protocol": "freedom", "settings": {} },
                { "tag": "to-self", "protocol": "vmess", "settings": { "vnext": [ { "address": "127.0.0.1", "port": {{vmessPort}},
                  "users": [ { "id": "{{Support.Links.Id}}" } ] } ] } }
              ],
              "routing": { "rules": [ { "type": "field", "inboundTag": [ "socks-in" ], "outboundTag": "to-self" } ] },
              "management": { "port": {{apiPort}}, "token": "{{Token}}" }
            }
            """;
        try
        {
            var host = await HostProcess.StartAsync(config, [vmessPort, socksPort, apiPort], cancellationToken: cancellationToken);
            return new StatsHost(host, echo, socksPort, apiPort);
        }
        catch
        {
            await echo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <c>api stats</c> in process against this host's config.</summary>
    public async Task<Dictionary<string, long>> StatsAsync(bool reset = false)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await ApiCommand.RunAsync(reset ? ["stats", "-c", Host.ConfigPath, "--reset"] : ["stats", "-c", Host.ConfigPath], output, errors);
        Assert.True(code == 0, errors.ToString() + Host.Describe());
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Echo.DisposeAsync();
    }
}
