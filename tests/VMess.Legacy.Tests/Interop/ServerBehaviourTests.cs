using System.Net;
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
        var captured = RawLegacy.Header(alice, echo.Port, now, 2);

        Assert.True(await RawLegacy.ExchangeAsync(vmessPort, captured, 4, timeout.Token), host.Describe());
        using (var replay = await RawLegacy.SendAsync(vmessPort, captured, timeout.Token))
        {
            await host.WaitForOutputAsync("duplicated session", TimeSpan.FromSeconds(10), timeout.Token);
            Assert.Equal(0, replay.Available);
        }

        using (var sameHash = await RawLegacy.SendAsync(vmessPort, RawLegacy.Header(alice, echo.Port, now, 2), timeout.Token))
        {
            await host.WaitForOutputAsync("ErrTainted", TimeSpan.FromSeconds(10), timeout.Token);
            Assert.Equal(0, sameHash.Available);
        }

        // Auth, the fixed part and a little more, then EOF: v2ray 4.34 burns the hash ("failed to read padding/checksum").
        var cutShort = RawLegacy.Header(alice, echo.Port, now, 3);
        var answered = await RawLegacy.SendThenCloseAsync(vmessPort, cutShort[..(16 + 38 + 4)], timeout.Token);
        Assert.Equal(0, answered);
        using (var afterCut = await RawLegacy.SendAsync(vmessPort, RawLegacy.Header(alice, echo.Port, now, 3), timeout.Token))
        {
            await host.WaitForOutputAsync($"from {afterCut.LocalEndPoint}: invalid user: ErrTainted", TimeSpan.FromSeconds(10), timeout.Token);
            Assert.Equal(0, afterCut.Available);
        }

        Assert.True(await RawLegacy.ExchangeAsync(vmessPort, RawLegacy.Header(bob, echo.Port, now, 2), 4, timeout.Token), host.Describe());
        Assert.True(await RawLegacy.ExchangeAsync(vmessPort, RawLegacy.Header(alice, echo.Port, now, 1), 4, timeout.Token), host.Describe());
        Assert.True(await RawLegacy.ExchangeAsync(vmessPort, RawLegacy.AeadHeader(alice, echo.Port), 38, timeout.Token), host.Describe());
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
        var (sent, received, count) = await ExactEchoPump.RunAsync(served, 100_000, 1, timeout.Token);
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
        var header = RawLegacy.Header(LegacyKit.User(alterId: LegacyConfigs.AlterId), echo.Port, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, security);

        using var socket = await RawLegacy.SendAsync(vmessPort, header, timeout.Token);
        var read = await socket.ReceiveAsync(new byte[64], timeout.Token);

        Assert.Equal(0, read);
        await host.WaitForOutputAsync("disableInsecureEncryption", TimeSpan.FromSeconds(10), timeout.Token);
    }
}
