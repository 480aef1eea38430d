using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Cli;

public sealed class CommandLineProcessTests
{
    [Fact]
    public async Task Version_Always_PrintsHostAndAbstractionsVersions()
    {
        var (code, output) = await HostProcess.RunAsync("version");

        Assert.Equal(0, code);
        Assert.Contains("vmessplugins 1.0.0", output);
        Assert.Contains("abstractions 1.2.0", output);
    }

    [Fact]
    public async Task Uuid_Always_PrintsANewUuid()
    {
        var (code, output) = await HostProcess.RunAsync("uuid");
        var (_, second) = await HostProcess.RunAsync("uuid");

        Assert.Equal(0, code);
        Assert.True(Guid.TryParse(output.Trim(), out _), output);
        Assert.NotEqual(output, second);
    }

    [Theory]
    [InlineData("frobnicate", "error: unknown command \"frobnicate\"")]
    [InlineData("--frobnicate", "error: unknown option \"--frobnicate\"")]
    [InlineData("run -c", "error: option \"-c\" needs a file name")]
    public async Task AnyCommand_BadArguments_ExitTwoWithOneLineAndUsage(string args, string expected)
    {
        var (code, output) = await HostProcess.RunAsync(args.Split(' '));

        Assert.Equal(2, code);
        Assert.StartsWith(expected + Environment.NewLine, output);
        Assert.Contains("Usage: vmessplugins COMMAND", output);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("test")]
    [InlineData("plugins")]
    [InlineData("uuid")]
    [InlineData("version")]
    public async Task Command_Help_PrintsItsUsage(string command)
    {
        var (code, output) = await HostProcess.RunAsync(command, "--help");

        Assert.Equal(0, code);
        Assert.Contains($"Usage: vmessplugins {command}", output);
    }

    [Fact]
    public async Task Test_DefaultConfigAndPlugins_PrintsConfigurationOk()
    {
        var (code, output) = await HostProcess.RunAsync("test");

        Assert.Equal("Configuration OK." + Environment.NewLine, output);
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Test_MalformedConfig_ExitsOneWithLineAndColumn()
    {
        using var temp = new TempDirectory();
        var config = temp.Write("bad.json", "{\n  \"inbounds\": [\n    { \"port\": 1080, }\n    { }\n  ]\n}");

        var (code, output) = await HostProcess.RunAsync("test", "-c", config);

        Assert.Equal(1, code);
        Assert.StartsWith($"error: {config}: line 4, column 5: ", output);
        Assert.DoesNotContain("Configuration OK.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Plugins_SampleFolder_ListsProvidesAndState()
    {
        using var host = new SampleHost();
        Directory.CreateDirectory(host.Temp.File("plugins/Unlisted"));

        var (code, output) = await HostProcess.RunAsync("plugins", "-p", host.Manifest);

        Assert.Equal(0, code);
        Assert.Contains("SamplePlugin 0.1.0.0: enabled", output);
        Assert.Contains("provides: inbound sample-door, outbound sample-direct", output);
        Assert.Contains("provides: network tcp", output);
        Assert.Contains("Unlisted ?: disabled (not listed in plugins.json)", output);
    }
}
