using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.EndToEnd.Tests;

public sealed class ShutdownTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Signal_WhileServingAConnection_ExitsZeroWithoutStackTrace(bool terminate)
    {
        await using var echo = new TcpEchoServer();
        var socksPort = FreePort.Tcp();
        var config = $$"""
            {
              "inbounds": [ { "listen": "127.0.0.1", "port": {{socksPort}}, "protocol": "socks", "settings": {} } ],
              "outbounds": [ { "protocol": "freedom", "settings": {} } ]
            }
            """;
        await using var host = await HostProcess.StartAsync(config, [socksPort]);
        await using var open = await Socks5Client.ConnectAsync(new(System.Net.IPAddress.Loopback, socksPort), "127.0.0.1", echo.Port);

        var exitCode = await host.StopAsync(TimeSpan.FromSeconds(15), terminate);

        Assert.True(exitCode == 0, $"exit code {exitCode?.ToString() ?? "none (still running)"}{host.Describe()}");
        Assert.DoesNotContain("   at ", host.Output.Text);
    }
}
