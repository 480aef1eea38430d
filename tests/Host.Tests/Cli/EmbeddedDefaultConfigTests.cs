using System.Diagnostics;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Cli;

public sealed class EmbeddedDefaultConfigTests
{
    [Fact]
    public async Task Test_NoConfigFileBesideTheExecutable_UsesTheEmbeddedDefault()
    {
        var copy = Directory.CreateTempSubdirectory("vmessplugins-embedded-");
        try
        {
            var hostDirectory = Path.GetDirectoryName(RepoPaths.HostExecutable)!;
            CopyTree(hostDirectory, copy.FullName);
            File.Delete(Path.Combine(copy.FullName, "config.json"));

            var start = new ProcessStartInfo(Path.Combine(copy.FullName, "vmessplugins"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("test");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.False(File.Exists(Path.Combine(copy.FullName, "config.json")));
            Assert.True(process.ExitCode == 0, await output + await errors);
            Assert.Equal("Configuration OK." + Environment.NewLine, await output);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyTree(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
