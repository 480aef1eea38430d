using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Links;

/// <summary>A link exported from one config and imported into another really carries traffic.</summary>
public sealed class LinkTrafficTests
{
    [Theory]
    [InlineData("tcp", "")]
    [InlineData("ws", """, "streamSettings": { "network": "ws", "wsSettings": { "path": "/link-test" } }""")]
    public async Task ExportedThenImportedLink_CarriesTrafficToTheServer(string network, string stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var serverPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        using var source = new TempConfig($$"""
            { "outbounds": [ { "tag": "to-server-{{network}}", "protocol": "vmess",
                "settings": { "vnext": [ { "address": "127.0.0.1", "port": {{serverPort}},
                  "users": [ { "id": "{{Support.Links.Id}}", "security": "aes-128-gcm" } ] } ] }{{stream}} } ] }
            """);
        var (exportCode, link, _) = await LinkCli.RunAsync("export", "-c", source.FilePath);
        var (importCode, outbound, _) = await LinkCli.RunAsync("import", link.Trim());

        // One host: a vmess server inbound going direct, and a SOCKS inbound going out through the imported outbound.
        var config = $$"""
            {
              "inbounds": [
                { "tag": "vmess-in", "listen": "127.0.0.1", "port": {{serverPort}}, "protocol": "vmess",
                  "settings": { "clients": [ { "id": "{{Support.Links.Id}}" } ] }{{stream}} },
                { "tag": "socks-in", "listen": "127.0.0.1", "port": {{socksPort}}, "protocol": "socks", "settings": { "auth": "noauth" } }
              ],
              "outbounds": [ { "tag": "direct", "protocol": "freedom", "settings": {} }, {{outbound}} ],
              "routing": { "rules": [ { "type": "field", "inboundTag": [ "socks-in" ], "outboundTag": "to-server-{{network}}" } ] }
            }
            """;
        await using var host = await HostProcess.StartAsync(config, [serverPort, socksPort], cancellationToken: timeout.Token);

        await using var stream1 = await Socks5Client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, socksPort), "127.0.0.1", echo.Port, cancellationToken: timeout.Token);
        var result = await DataPump.PumpAsync(stream1, 1 << 20, seed: 7, timeout.Token);

        Assert.Equal(0, exportCode);
        Assert.Equal(0, importCode);
        Assert.True(result.IsIntact, result + host.Describe());
        // The access lines show the bytes went SOCKS -> imported outbound -> vmess inbound, not straight out.
        await host.WaitForOutputAsync($"[socks-in >> to-server-{network}]", TimeSpan.FromSeconds(10), timeout.Token);
        await host.WaitForOutputAsync("[vmess-in >> direct]", TimeSpan.FromSeconds(10), timeout.Token);
    }
}
