using System.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Interop;

/// <summary>
/// Which header our client sends, seen through a server that only speaks one of them: AEAD for alterId 0,
/// legacy for alterId > 0, and VMESSAEADEXPERIMENT=y / =n overriding both ways.
/// </summary>
public sealed class HeaderChoiceTests
{
    private const string Banner = "=======VMESSAEADEXPERIMENT ENABLED========";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(4, "y", "Auth.Legacy")]
    [InlineData(0, "n", "Auth.Aead")]
    [InlineData(4, "", "Auth.Aead")]
    [InlineData(0, "", "Auth.Legacy")]
    public async Task Client_AlterIdAndExperiment_SpeaksTheHeaderTheServerKnows(int alterId, string experiment, string serverWithout)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        var plugins = HostProcess.DefaultPluginsJson(new Dictionary<string, bool> { [serverWithout] = false });
        await using var server = await HostProcess.StartAsync(
            LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId), [vmessPort], plugins, timeout.Token);
        var environment = experiment.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["VMESSAEADEXPERIMENT"] = experiment };
        await using var client = await EnvHostProcess.StartAsync(
            LegacyConfigs.SocksToVMess(socksPort, vmessPort, LegacyKit.UserId, "aes-128-gcm", alterId), socksPort, environment, timeout.Token);

        await using var stream = await Socks5Client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, socksPort), "127.0.0.1", echo.Port, cancellationToken: timeout.Token);
        var (sent, received, count) = await ExactEchoPump.RunAsync(stream, 200_000, alterId, timeout.Token);

        Assert.True(count == 200_000, $"received {count} bytes{client.Describe()}{server.Describe()}");
        Assert.Equal(sent, received);
        var banners = client.Output.Text.Split('\n').Count(line => line.TrimEnd() == Banner);
        Assert.Equal(experiment == "y" ? 1 : 0, banners);
    }

    [Fact]
    public async Task Server_TaintFuseFalse_ReplayRefusedButTheHashStaysUsable()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var vmessPort = FreePort.Tcp();
        await using var host = await HostProcess.StartAsync(
            LegacyConfigs.VMessServer(vmessPort, LegacyKit.UserId, LegacyKit.OtherUserId, ", \"taintFuse\": false"), [vmessPort], cancellationToken: timeout.Token);
        var alice = LegacyKit.User(alterId: LegacyConfigs.AlterId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var captured = RawLegacy.Header(alice, echo.Port, now, 2);

        Assert.True(await RawLegacy.ExchangeAsync(vmessPort, captured, 4, timeout.Token), host.Describe());
        using (var replay = await RawLegacy.SendAsync(vmessPort, captured, timeout.Token))
        {
            await host.WaitForOutputAsync("duplicated session", TimeSpan.FromSeconds(10), timeout.Token);
            Assert.Equal(0, replay.Available);
        }

        Assert.True(await RawLegacy.ExchangeAsync(vmessPort, RawLegacy.Header(alice, echo.Port, now, 2), 4, timeout.Token), host.Describe());
        // A header cut short by EOF after its fixed part leaves the hash usable too.
        var answered = await RawLegacy.SendThenCloseAsync(vmessPort, RawLegacy.Header(alice, echo.Port, now, 3)[..(16 + 38 + 4)], timeout.Token);
        Assert.Equal(0, answered);
        Assert.True(await RawLegacy.ExchangeAsync(vmessPort, RawLegacy.Header(alice, echo.Port, now, 3), 4, timeout.Token), host.Describe());
        Assert.False(host.Output.Contains("ErrTainted"));
    }
}
