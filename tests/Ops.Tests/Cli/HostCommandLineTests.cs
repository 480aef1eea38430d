using System.Diagnostics;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Ops.Tests.Support;

namespace VMessPlugins.Tests.Ops.Tests.Cli;

/// <summary>The link and api commands through the real executable.</summary>
public sealed class HostCommandLineTests
{
    [Fact]
    public async Task LinkImport_ThroughTheExecutable_PrintsTheOutbound()
    {
        var link = Support.Links.Make($$"""{"v":"2","ps":"p","add":"a.example","port":"443","id":"{{Support.Links.Id}}"}""");

        var (code, output, errors) = await RunAsync("link", "import", link);

        Assert.True(code == 0, errors);
        Assert.Contains("\"protocol\": \"vmess\"", output);
    }

    [Fact]
    public async Task LinkImport_BrokenLink_ExitsOneWithTheFieldError()
    {
        var (code, _, errors) = await RunAsync("link", "import", Support.Links.Make("""{"add":"a.example","port":"abc"}"""));

        Assert.Equal(1, code);
        Assert.Contains("link: field \"port\": \"abc\" is not a port number", errors);
    }

    [Theory]
    [InlineData("--help", "link      vmess:// share links")]
    [InlineData("link --help", "Usage: vmessplugins link export")]
    [InlineData("link export --help", "--outbound TAG")]
    [InlineData("api --help", "Usage: vmessplugins api stats")]
    public async Task Help_ListsTheNewCommands(string arguments, string expected)
    {
        var (code, output, _) = await RunAsync(arguments.Split(' '));

        Assert.Equal(0, code);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Test_BadManagementSection_IsReportedLikeAnyConfigError()
    {
        using var config = new TempConfig("""{ "management": { "listen": "0.0.0.0", "port": 1, "token": "0123456789abcdef" } }""");

        var (code, output, _) = await RunAsync("test", "-c", config.FilePath, "-p", HostOutput.PluginManifest);

        Assert.Equal(1, code);
        Assert.Contains("management.listen: must be a loopback address", output);
    }

    [Fact]
    public async Task Run_ManagementPortTaken_ExitsOneNamingIt()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        using var config = new TempConfig($$"""
            { "inbounds": [ { "listen": "127.0.0.1", "port": {{FreePort.Tcp()}}, "protocol": "socks", "settings": {} } ],
              "outbounds": [ { "protocol": "freedom" } ],
              "management": { "port": {{port}}, "token": "0123456789abcdef" } }
            """);

        var (code, _, errors) = await RunAsync("run", "-c", config.FilePath, "-p", HostOutput.PluginManifest);

        Assert.Equal(1, code);
        Assert.Contains($"error: management API: http://127.0.0.1:{port}/ cannot be listened on", errors);
    }

    private static async Task<(int Code, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = HostProcess.CreateStartInfo(Path.GetTempPath(), arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
