using System.Net;
using System.Net.Http.Headers;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Management;

public sealed class ManagementApiTests
{
    private const string AliceUp = $"user>>>{StatsHost.Email}>>>traffic>>>uplink";
    private const string AliceDown = $"user>>>{StatsHost.Email}>>>traffic>>>downlink";
    private const string AliceOpen = $"user>>>{StatsHost.Email}>>>connections>>>open";

    [Fact]
    public async Task Stats_AfterTraffic_CountTheBytesMovedPerUserInboundAndOutbound()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = await StatsHost.StartAsync(timeout.Token);
        const int size = 256 * 1024;

        await using (var stream = await Socks5Client.ConnectAsync(host.Socks, "127.0.0.1", host.Echo.Port, cancellationToken: timeout.Token))
        {
            var pumped = await DataPump.PumpAsync(stream, size, seed: 3, timeout.Token);
            Assert.True(pumped.IsIntact, pumped.ToString());
        }

        var stats = await Eventually.WaitAsync(() => host.StatsAsync(), s => s.GetValueOrDefault(AliceDown) >= size, TimeSpan.FromSeconds(10), timeout.Token);
        Assert.Equal(size, stats[AliceUp]);
        Assert.Equal(size, stats[AliceDown]);
        Assert.Equal(size, stats["inbound>>>socks-in>>>traffic>>>uplink"]);
        Assert.Equal(size, stats["inbound>>>vmess-in>>>traffic>>>downlink"]);
        Assert.Equal(size, stats["outbound>>>to-self>>>traffic>>>uplink"]);
        Assert.Equal(size, stats["outbound>>>direct>>>traffic>>>downlink"]);
    }

    [Fact]
    public async Task Stats_Reset_ReturnsTheCountsThenStartsFromZero()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = await StatsHost.StartAsync(timeout.Token);
        await using (var stream = await Socks5Client.ConnectAsync(host.Socks, "127.0.0.1", host.Echo.Port, cancellationToken: timeout.Token))
        {
            await DataPump.PumpAsync(stream, 4096, seed: 4, timeout.Token);
        }

        await Eventually.WaitAsync(() => host.StatsAsync(), s => s.GetValueOrDefault(AliceDown) >= 4096, TimeSpan.FromSeconds(10), timeout.Token);
        var reset = await host.StatsAsync(reset: true);
        var after = await host.StatsAsync();

        Assert.Equal(4096, reset[AliceUp]);
        Assert.Equal(0, after[AliceUp]);
        Assert.Equal(0, after[AliceDown]);
    }

    [Fact]
    public async Task Stats_WhileAConnectionIsOpen_CountItPerUser()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = await StatsHost.StartAsync(timeout.Token);
        var stream = await Socks5Client.ConnectAsync(host.Socks, "127.0.0.1", host.Echo.Port, cancellationToken: timeout.Token);
        await stream.WriteAsync("ping"u8.ToArray(), timeout.Token);
        var echoed = new byte[4];
        await stream.ReadExactlyAsync(echoed, timeout.Token);

        var open = await Eventually.WaitAsync(() => host.StatsAsync(), s => s.GetValueOrDefault(AliceOpen) == 1, TimeSpan.FromSeconds(10), timeout.Token);
        await stream.DisposeAsync();
        var closed = await Eventually.WaitAsync(() => host.StatsAsync(), s => s.GetValueOrDefault(AliceOpen) == 0, TimeSpan.FromSeconds(10), timeout.Token);

        Assert.Equal(1, open[AliceOpen]);
        Assert.Equal(0, closed[AliceOpen]);
    }

    [Fact]
    public async Task Stats_UdpDatagrams_AreCountedPerUser()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = await StatsHost.StartAsync(timeout.Token);
        await using var udpEcho = new UdpEchoServer(System.Net.IPAddress.Loopback);
        await using var association = await Socks5UdpAssociation.OpenAsync(host.Socks, cancellationToken: timeout.Token);
        var echoed = 0;
        for (var i = 0; i < 10; i++)
        {
            await association.SendAsync(new byte[500], "127.0.0.1", udpEcho.Port, timeout.Token);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            wait.CancelAfter(TimeSpan.FromSeconds(3));
            try
            {
                echoed += (await association.ReceiveAsync(wait.Token)).Payload.Length;
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                // A lost datagram on loopback is rare; the counters below follow what arrived.
            }
        }

        var stats = await Eventually.WaitAsync(() => host.StatsAsync(), s => s.GetValueOrDefault(AliceDown) >= echoed, TimeSpan.FromSeconds(10), timeout.Token);
        Assert.True(echoed >= 4500, $"only {echoed} bytes echoed");
        Assert.Equal(5000, stats[AliceUp]);
        Assert.Equal(echoed, stats[AliceDown]);
        Assert.Equal(5000, stats["inbound>>>socks-in>>>traffic>>>uplink"]);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-token-0123456789abcdef", HttpStatusCode.Unauthorized)]
    [InlineData(StatsHost.Token, HttpStatusCode.OK)]
    public async Task Api_Token_IsRequired(string? token, HttpStatusCode expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = await StatsHost.StartAsync(timeout.Token);
        using var client = new HttpClient { BaseAddress = host.ApiBase };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.GetAsync("stats", timeout.Token);

        Assert.Equal(expected, response.StatusCode);
    }
}
