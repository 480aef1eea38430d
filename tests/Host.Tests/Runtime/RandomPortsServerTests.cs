using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Host.Runtime;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Runtime;

/// <summary>The real TCP transport and sample-door inbound with random ports, run in process on a fake clock.</summary>
public sealed class RandomPortsServerTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Refresh_MovesTheListenersAndAConnectionOnAnOldPortKeepsStreaming()
    {
        await using var echo = new EchoServer();
        using var host = new SampleHost();
        var range = FreePort.TcpRange(40);
        var config = host.WriteConfig(SampleHost.Config(inboundExtra: """, "allocate": { "strategy": "random", "refresh": 5, "concurrency": 2 } """)
            .Replace("20001", $"\"{range[0]}-{range[^1]}\"").Replace("\"port\": 9", $"\"port\": {echo.Port}"));
        var prepared = host.Prepare(config);
        Assert.NotNull(prepared);
        await using var _ = prepared;
        var time = new FakeTimeProvider();
        var server = new ProxyServer(prepared.Directory, time, NullLoggerFactory.Instance);
        var dispatcher = new Dispatcher(prepared.Plan, prepared.Services.GetRequiredService<IPolicyProvider>(), TimeProvider.System, NullLoggerFactory.Instance);
        Assert.True(server.Start(prepared.Plan, dispatcher, new ConfigDiagnostics()));
        try
        {
            var first = server.Runners[0].CurrentPorts.ToList();
            Assert.Equal(2, first.Count);
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, first[0]);
            var stream = client.GetStream();
            await AssertEchoAsync(stream, "before the refresh");

            time.Advance(TimeSpan.FromMinutes(5));
            var second = server.Runners[0].CurrentPorts.ToList();
            Assert.Empty(first.Intersect(second));
            await AssertAcceptsAsync(second[0]);
            await AssertAcceptsAsync(first[1]);

            time.Advance(TimeSpan.FromMinutes(5));
            var closed = first.Except(server.Runners[0].ListeningPorts).ToList();
            Assert.NotEmpty(closed);
            await AssertRefusedAsync(closed[0]);
            await AssertEchoAsync(stream, "after its port closed");
        }
        finally
        {
            await server.StopAsync();
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

    private static async Task AssertAcceptsAsync(ushort port)
    {
        using var probe = new TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, port);
    }

    private static async Task AssertRefusedAsync(ushort port)
    {
        using var probe = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }
}
