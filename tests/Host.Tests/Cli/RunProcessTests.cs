using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Cli;

public sealed class RunProcessTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_DropInSamplePlugin_CarriesTrafficAndStopsOnSigint()
    {
        await using var echo = new EchoServer();
        using var host = new SampleHost();
        var port = Loopback.FreePort();
        var config = host.WriteConfig(SampleHost.Config(port: port, topExtra: """, "log": { "loglevel": "info" } """)
            .Replace("\"port\": 9", $"\"port\": {echo.Port}"));
        await using var proxy = HostProcess.Start("run", "-c", config, "-p", host.Manifest);

        using var client = await Loopback.ConnectWhenReadyAsync(port, proxy, s_limit);
        var payload = RandomNumberGenerator.GetBytes(1 << 20);
        var stream = client.GetStream();
        var reading = StreamHelpers.ReadToEndAsync(stream, new CancellationTokenSource(s_limit).Token);
        await stream.WriteAsync(payload);
        client.Client.Shutdown(SocketShutdown.Send);
        var echoed = await reading;

        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(echoed));
        await proxy.InterruptAsync();
        Assert.Equal(0, await proxy.WaitForExitAsync(s_limit));
        Assert.Contains($"VMessPlugins started; listening on 127.0.0.1:{port}", proxy.Output);
        Assert.Contains($"accepted tcp:127.0.0.1:{echo.Port} [door >> direct]", proxy.Output);
    }

    [Fact]
    public async Task Run_PortInUse_ExitsOneWithCleanError()
    {
        using var occupier = new TcpListener(IPAddress.Loopback, 0);
        occupier.Start();
        var port = ((IPEndPoint)occupier.LocalEndpoint).Port;
        using var host = new SampleHost();
        var config = host.WriteConfig(SampleHost.Config(port: port));

        var (code, output) = await HostProcess.RunAsync("run", "-c", config, "-p", host.Manifest);

        Assert.Equal(1, code);
        Assert.Contains($"error: {config}: inbounds[0].port: 127.0.0.1:{port} is already in use", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Run_ConfigError_ExitsOneBeforeListening()
    {
        using var host = new SampleHost();
        var config = host.WriteConfig(SampleHost.Config().Replace("sample-door", "socks"));

        var (code, output) = await HostProcess.RunAsync("run", "-c", config, "-p", host.Manifest);

        Assert.Equal(1, code);
        Assert.Contains($"error: {config}: inbounds[0].protocol: inbound protocol \"socks\"", output);
        Assert.DoesNotContain("started", output);
    }
}
