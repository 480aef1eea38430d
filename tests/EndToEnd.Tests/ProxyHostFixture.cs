using System.Net;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.EndToEnd.Tests;

/// <summary>
/// One host process for the whole class, with every inbound these tests need, plus the loopback echo
/// servers they talk to. Ports are free ones picked at start.
/// </summary>
public sealed class ProxyHostFixture : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "s3cret";

    public ushort SocksPort { get; } = FreePort.Tcp();

    public ushort SocksPasswordPort { get; } = FreePort.Tcp();

    public ushort HttpPort { get; } = FreePort.Tcp();

    public ushort BlackholeSocksPort { get; } = FreePort.Tcp();

    public TcpEchoServer TcpEcho { get; } = new();

    public UdpEchoServer UdpEcho { get; } = new();

    public HostProcess Host { get; private set; } = null!;

    public IPEndPoint Socks => new(IPAddress.Loopback, SocksPort);

    public IPEndPoint SocksWithPassword => new(IPAddress.Loopback, SocksPasswordPort);

    public IPEndPoint Http => new(IPAddress.Loopback, HttpPort);

    public IPEndPoint BlackholeSocks => new(IPAddress.Loopback, BlackholeSocksPort);

    public string Config => $$"""
        {
          "log": { "loglevel": "info" },
          "inbounds": [
            { "tag": "socks", "listen": "127.0.0.1", "port": {{SocksPort}}, "protocol": "socks", "settings": { "udp": true } },
            { "tag": "socks-pw", "listen": "127.0.0.1", "port": {{SocksPasswordPort}}, "protocol": "socks",
              "settings": { "auth": "password", "accounts": [ { "user": "{{User}}", "pass": "{{Password}}" } ] } },
            { "tag": "http", "listen": "127.0.0.1", "port": {{HttpPort}}, "protocol": "http", "settings": {} },
            { "tag": "socks-bh", "listen": "127.0.0.1", "port": {{BlackholeSocksPort}}, "protocol": "socks", "settings": {} }
          ],
          "outbounds": [
            { "tag": "direct", "protocol": "freedom", "settings": {} },
            { "tag": "block", "protocol": "blackhole", "settings": { "response": { "type": "http" } } }
          ],
          "routing": { "rules": [ { "type": "field", "inboundTag": [ "socks-bh" ], "outboundTag": "block" } ] }
        }
        """;

    public async Task InitializeAsync() =>
        Host = await HostProcess.StartAsync(Config, [SocksPort, SocksPasswordPort, HttpPort, BlackholeSocksPort]);

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await TcpEcho.DisposeAsync();
        await UdpEcho.DisposeAsync();
    }
}
