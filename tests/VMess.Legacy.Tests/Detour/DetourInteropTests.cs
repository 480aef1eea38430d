using System.Net;
using System.Text.RegularExpressions;
using VMessPlugins.TestKit;
using VMessPlugins.TestKit.V2Ray;
using Xunit.Abstractions;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>
/// Detour to a dynamic-port inbound with v2ray 4.34 both ways: the server's vmess inbound sends switch-account
/// pointing at an inbound with allocate random on a port range; the client must move there (proved from the logs:
/// the port it dials and the inbound that accepts) and 8 MiB each way must still echo, SHA-256 checked. After the
/// switch the body is aes-128-cfb (security legacy): this is the only way to get v2ray's client to send it.
/// </summary>
public sealed partial class DetourInteropTests(ITestOutputHelper output)
{
    private const long BytesEachWay = 8L * 1024 * 1024;
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(150);

    // (client alterId, target default.alterId): legacy header + CFB body, and AEAD header + CFB body.
    [Theory]
    [InlineData(4, 4)]
    [InlineData(0, 0)]
    public async Task V2RayClient_OurServerDetoursToDynamicPorts_ClientMovesThereAndEchoesEightMiB(int clientAlterId, int targetAlterId)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var mainPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        var dynamicPorts = PortRange.Find(10);
        await using var ours = await HostProcess.StartAsync(
            DetourConfigs.Server(mainPort, clientAlterId, dynamicPorts, targetAlterId), [mainPort], cancellationToken: timeout.Token);
        await using var v2ray = await V2RayProcess.StartAsync(DetourConfigs.SocksClient(socksPort, mainPort, clientAlterId), [socksPort], timeout.Token);
        string Describe() => ours.Describe() + v2ray.Describe();

        // v2ray appends each switch to its server list and round-robins: the first two connections go to the
        // configured port (each bringing a command), the next two to the two switched entries.
        for (var seed = 0; seed < 2; seed++)
        {
            await PumpAsync(socksPort, echo.Port, 64 * 1024, seed, Describe, timeout.Token);
        }

        await ours.WaitForOutputAsync("detoured to [dyn] port", TimeSpan.FromSeconds(10), timeout.Token);
        await Task.WhenAll(PumpAsync(socksPort, echo.Port, BytesEachWay, 10, Describe, timeout.Token),
                           PumpAsync(socksPort, echo.Port, BytesEachWay, 11, Describe, timeout.Token));

        Evidence(ours.Output.Text, "detoured to", "[dyn >> direct]", "[main >> direct]");
        Evidence(v2ray.Output.Text, "tunneling request");
        var acceptedOnDyn = ours.Output.Text.Split('\n').Count(line => line.Contains("[dyn >> direct]", StringComparison.Ordinal));
        Assert.True(acceptedOnDyn == 2, $"{acceptedOnDyn} connections accepted by [dyn], expected the two 8 MiB ones{Describe()}");
        var dialed = V2RayDialedPorts().Matches(v2ray.Output.Text).Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.True(dialed.Count(dynamicPorts.Contains) == 2, $"v2ray dialed {string.Join(", ", dialed)}; range {dynamicPorts}{Describe()}");
        Assert.Equal(2, dialed.Count(port => port == mainPort));
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(0, 0)]
    public async Task OurClient_V2RayServerDetoursToDynamicPorts_ClientMovesThereAndEchoesEightMiB(int clientAlterId, int targetAlterId)
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var echo = new TcpEchoServer(IPAddress.Loopback);
        var mainPort = FreePort.Tcp();
        var socksPort = FreePort.Tcp();
        var dynamicPorts = PortRange.Find(10);
        await using var v2ray = await V2RayProcess.StartAsync(
            DetourConfigs.Server(mainPort, clientAlterId, dynamicPorts, targetAlterId), [mainPort], timeout.Token);
        await using var ours = await HostProcess.StartAsync(
            DetourConfigs.SocksClient(socksPort, mainPort, clientAlterId), [socksPort], cancellationToken: timeout.Token);
        string Describe() => ours.Describe() + v2ray.Describe();

        await PumpAsync(socksPort, echo.Port, 64 * 1024, 0, Describe, timeout.Token);
        await ours.WaitForOutputAsync("switched us to", TimeSpan.FromSeconds(10), timeout.Token);
        var switchedPort = int.Parse(OurSwitch().Match(ours.Output.Text).Groups[1].Value);
        Assert.True(dynamicPorts.Contains(switchedPort), $"switched to {switchedPort}, outside {dynamicPorts}{Describe()}");
        Assert.Contains($"(alterIds {targetAlterId}, {(targetAlterId > 0 ? "Legacy" : "Aead")}HeaderClient)", ours.Output.Text);

        await Task.WhenAll(PumpAsync(socksPort, echo.Port, BytesEachWay, 10, Describe, timeout.Token),
                           PumpAsync(socksPort, echo.Port, BytesEachWay, 11, Describe, timeout.Token));

        Evidence(ours.Output.Text, "switched us to", " via tcp:");
        Evidence(v2ray.Output.Text, "pick detour handler");
        var viaSwitched = ours.Output.Text.Split('\n').Count(line => line.Contains($"via tcp:127.0.0.1:{switchedPort} as", StringComparison.Ordinal)
                                                                     && line.Contains("aes-128-cfb", StringComparison.Ordinal));
        Assert.True(viaSwitched == 2, $"{viaSwitched} connections went to port {switchedPort} with aes-128-cfb, expected 2{Describe()}");
    }

    // The log lines that show the switch, in the test output (dotnet test --logger "console;verbosity=detailed").
    private void Evidence(string log, params string[] fragments)
    {
        foreach (var line in log.Split('\n').Where(l => fragments.Any(f => l.Contains(f, StringComparison.Ordinal))))
        {
            output.WriteLine(line.TrimEnd());
        }
    }

    private static async Task PumpAsync(ushort socksPort, ushort echoPort, long bytes, int seed, Func<string> describe, CancellationToken cancellationToken)
    {
        (byte[] Sent, byte[] Received, long Count) result;
        try
        {
            await using var stream = await Socks5Client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, socksPort), "127.0.0.1", echoPort, cancellationToken: cancellationToken);
            result = await ExactEchoPump.RunAsync(stream, bytes, seed, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"pump {seed} failed: {exception.Message}{describe()}");
        }

        Assert.True(result.Count == bytes, $"pump {seed}: received {result.Count} of {bytes}{describe()}");
        Assert.Equal(Convert.ToHexString(result.Sent), Convert.ToHexString(result.Received));
    }

    [GeneratedRegex(@"tunneling request to \S+ via tcp:127\.0\.0\.1:(\d+)")]
    private static partial Regex V2RayDialedPorts();

    [GeneratedRegex(@"switched us to tcp:127\.0\.0\.1:(\d+)")]
    private static partial Regex OurSwitch();
}
