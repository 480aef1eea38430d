using System.Diagnostics;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Mux.Tests.Interop;

/// <summary>
/// The outbound's <c>mux</c> object as our host's <c>test</c> command validates it. As in 4.34, a concurrency
/// over 1024 is refused even when mux is disabled.
/// </summary>
public sealed class MuxConfigTests
{
    [Theory]
    [InlineData("""{"enabled": true, "concurrency": 8}""")]
    [InlineData("""{"enabled": true}""")]
    [InlineData("""{"enabled": false, "concurrency": 4}""")]
    [InlineData("""{"enabled": true, "concurrency": -1}""")]
    public async Task Test_ValidMuxObject_ConfigurationOk(string mux)
    {
        var (code, output) = await TestConfigAsync(mux);

        Assert.True(code == 0, output);
        Assert.Contains("Configuration OK.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"enabled": true, "concurrency": 1025}""", "outbounds[0].mux.concurrency")]
    [InlineData("""{"enabled": false, "concurrency": 2000}""", "outbounds[0].mux.concurrency")]
    [InlineData("""{"enabled": "yes"}""", "outbounds[0].mux.enabled")]
    public async Task Test_InvalidMuxObject_ErrorNamesTheJsonPath(string mux, string path)
    {
        var (code, output) = await TestConfigAsync(mux);

        Assert.Equal(1, code);
        Assert.Contains(path, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> TestConfigAsync(string mux)
    {
        var folder = Directory.CreateTempSubdirectory("mux-config-");
        try
        {
            var config = Path.Combine(folder.FullName, "cfg.json");
            var plugins = Path.Combine(folder.FullName, "plugins.json");
            await File.WriteAllTextAsync(config, $$$"""
                {
                  "outbounds": [{"protocol": "vmess", "mux": {{{mux}}}, "settings": {"vnext": [{"address": "127.0.0.1", "port": 10086,
                    "users": [{"id": "{{{InteropConfigs.UserId}}}", "alterId": 0}]}]}}]
                }
                """);
            await File.WriteAllTextAsync(plugins, HostProcess.DefaultPluginsJson());
            using var process = Process.Start(HostProcess.CreateStartInfo(folder.FullName, "test", "-c", config, "-p", plugins))!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
