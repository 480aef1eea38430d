using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Auth.Aead;
using VMessPlugins.Plugins.Auth.Legacy;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Interop;

/// <summary>Our host as a server: the taint fuse seen from the wire, and the legacy plugin switched off.</summary>
public sealed class ServerBehaviourTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Host_ReplayedLegacyHandshake_RefusedAndHashTaintedWhileOthersWork()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        await using var host = await HostProcess.StartAsync(LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId), [vmessPort], cancellationToken: timeout.Token);
        var alice = LegacyKit.User(alterId: LegacyConfigs.AlterId);
        var bob = LegacyKit.User(LegacyKit.OtherUserId, alterId: LegacyConfigs.AlterId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var captured = Legacy(alice, echo.Port, now, 2);

        Assert.True(await ExchangeAsync(vmessPort, captured, 4, timeout.Token), host.Describe());
        using (var replay = await SendAsync(vmessPort, captured, timeout.Token))
        {
            await host.WaitForOutputAsync("duplicated session", TimeSpan.FromSeconds(10), timeout.Token);
            Assert.Equal(0, replay.Available);
        }

        using (var sameHash = await SendAsync(vmessPort, Legacy(alice, echo.Port, now, 2), timeout.Token))
        {
            await host.WaitForOutputAsync("ErrTainted", TimeSpan.FromSeconds(10), timeout.Token);
            Assert.Equal(0, sameHash.Available);
        }

        Assert.True(await ExchangeAsync(vmessPort, Legacy(bob, echo.Port, now, 2), 4, timeout.Token), host.Describe());
        Assert.True(await ExchangeAsync(vmessPort, Legacy(alice, echo.Port, now, 1), 4, timeout.Token), host.Describe());
        Assert.True(await ExchangeAsync(vmessPort, Aead(alice, echo.Port), 38, timeout.Token), host.Describe());
    }

    [Fact]
    public async Task Host_AuthLegacyDisabled_V2RayLegacyClientRefusedAndAeadStillServed()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var legacySocks = FreePort.Tcp();
        var aeadSocks = FreePort.Tcp();
        var plugins = HostProcess.DefaultPluginsJson(new Dictionary<string, bool> { ["Auth.Legacy"] = false });
        await using var host = await HostProcess.StartAsync(LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId), [vmessPort], plugins, timeout.Token);
        await using var legacyClient = await V2RayProcess.StartAsync(LegacyConfigs.SocksToVMess(legacySocks, vmessPort, LegacyKit.UserId, "aes-128-gcm"), [legacySocks], timeout.Token);
        await using var aeadClient = await V2RayProcess.StartAsync(LegacyConfigs.SocksToVMess(aeadSocks, vmessPort, LegacyKit.UserId, "aes-128-gcm", alterId: 0), [aeadSocks], timeout.Token);

        await using (var refused = await Socks5Client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, legacySocks), "127.0.0.1", echo.Port, cancellationToken: timeout.Token))
        {
            await refused.WriteAsync("hello"u8.ToArray(), timeout.Token);
            await host.WaitForOutputAsync("before authentication", TimeSpan.FromSeconds(10), timeout.Token);
        }

        await using var served = await Socks5Client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, aeadSocks), "127.0.0.1", echo.Port, cancellationToken: timeout.Token);
        var (sent, received, count) = await EchoPump.RunAsync(served, 100_000, 1, timeout.Token);
        Assert.Equal(100_000, count);
        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task Host_ClientNeedsLegacyButPluginDisabled_FailsAtStartNamingThePlugin()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var plugins = HostProcess.DefaultPluginsJson(new Dictionary<string, bool> { ["Auth.Legacy"] = false });
        var socksPort = FreePort.Tcp();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            HostProcess.StartAsync(LegacyConfigs.SocksToVMess(socksPort, 1, LegacyKit.UserId, "aes-128-gcm"), [socksPort], plugins, timeout.Token));

        Assert.Contains("Auth.Legacy", failure.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Host_DisableInsecureEncryption_ClosesLegacyCfbAndNone(byte security)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var config = LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId, ", \"disableInsecureEncryption\": true", "info");
        await using var host = await HostProcess.StartAsync(config, [vmessPort], cancellationToken: timeout.Token);
        var request = Request(LegacyKit.User(alterId: LegacyConfigs.AlterId), echo.Port);
        request.Security = security;
        request.Options = VMessRequestOptions.ChunkStream;
        var buffer = new byte[512];
        var length = LegacyHeaderClient.WriteRequest(request, buffer, new LegacyRequestRandomness(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, []));

        using var socket = await SendAsync(vmessPort, buffer[..length], timeout.Token);
        var read = await socket.ReceiveAsync(new byte[64], timeout.Token);

        Assert.Equal(0, read);
        await host.WaitForOutputAsync("disableInsecureEncryption", TimeSpan.FromSeconds(10), timeout.Token);
    }

    // A legacy header (security none, raw body) for the echo server.
    private static byte[] Legacy(VMessUser user, ushort echoPort, long timestamp, int alterIndex)
    {
        var request = Request(user, echoPort);
        var buffer = new byte[512];
        var length = LegacyHeaderClient.WriteRequest(request, buffer, new LegacyRequestRandomness(timestamp, alterIndex, [1, 2, 3]));
        return buffer[..length];
    }

    private static byte[] Aead(VMessUser user, ushort echoPort)
    {
        var services = new ServiceCollection();
        new AeadPlugin().ConfigureServices(services, new PluginContext("test", AppContext.BaseDirectory, new Dictionary<string, bool>()));
        var client = services.BuildServiceProvider().GetRequiredService<IVMessHeaderAuthenticator>().CreateClient();
        var request = Request(user, echoPort);
        var buffer = new byte[client.GetMaxRequestLength(request)];
        return buffer[..client.WriteRequest(request, buffer)];
    }

    private static VMessRequest Request(VMessUser user, ushort echoPort)
    {
        var request = Handshakes.NewRequest(user);
        request.Security = 5;
        request.Options = VMessRequestOptions.None;
        request.Destination = Destination.Tcp(Address.Parse("127.0.0.1"), echoPort);
        return request;
    }

    private static async Task<Socket> SendAsync(ushort port, byte[] header, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        await socket.SendAsync(header.Concat("hello"u8.ToArray()).ToArray(), cancellationToken);
        return socket;
    }

    // Sends a header and "hello" (raw body); true when the response header and the echo come back.
    private static async Task<bool> ExchangeAsync(ushort port, byte[] header, int responseHeaderLength, CancellationToken cancellationToken)
    {
        using var socket = await SendAsync(port, header, cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[256];
        var total = 0;
        try
        {
            while (total < responseHeaderLength + 5)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(total), wait.Token);
                if (read == 0)
                {
                    return false;
                }

                total += read;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return buffer.AsSpan(responseHeaderLength, 5).SequenceEqual("hello"u8);
    }
}
