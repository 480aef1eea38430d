using System.Reflection;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Host.Links;
using VMessPlugins.Host.Management;

namespace VMessPlugins.Host.Cli;

/// <summary>Runs one command; returns the process exit code (0 fine, 1 failed, 2 bad command line).</summary>
internal static partial class CommandRunner
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        // link, api and reload have their own sub-commands and options.
        switch (args.Count > 0 ? args[0] : "")
        {
            case "link":
                var colours = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
                return await LinkCommand.RunAsync(args.Skip(1).ToList(), output, errors, colours).ConfigureAwait(false);
            case "api":
                return await ApiCommand.RunAsync(args.Skip(1).ToList(), output, errors).ConfigureAwait(false);
            case "reload":
                return await ReloadCommand.RunAsync(args.Skip(1).ToList(), output, errors).ConfigureAwait(false);
        }

        var options = CliParser.Parse(args, out var problem);
        if (options is null)
        {
            await errors.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
            await errors.WriteLineAsync(Usage.General).ConfigureAwait(false);
            return 2;
        }

        if (options.Help || options.Command.Length == 0)
        {
            await output.WriteLineAsync(Usage.For(options.Command)).ConfigureAwait(false);
            return options.Help ? 0 : 2;
        }

        return options.Command switch
        {
            "run" => await RunProxyAsync(options, errors).ConfigureAwait(false),
            "test" => await TestAsync(options, output).ConfigureAwait(false),
            "plugins" => await ListPluginsAsync(options, output).ConfigureAwait(false),
            "uuid" => await PrintAsync(output, Guid.NewGuid().ToString()).ConfigureAwait(false),
            _ => await PrintAsync(output, $"vmessplugins {HostVersion}{Environment.NewLine}abstractions {AbstractionsVersion} (plugins must be built against major version {AbstractionsInfo.MajorVersion})").ConfigureAwait(false),
        };
    }

    private static string HostVersion =>
        typeof(CommandRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(CommandRunner).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string AbstractionsVersion => typeof(AbstractionsInfo).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    private static async Task<int> PrintAsync(TextWriter output, string text)
    {
        await output.WriteLineAsync(text).ConfigureAwait(false);
        return 0;
    }

    private static async Task PrintDiagnosticsAsync(ConfigDiagnostics diagnostics, TextWriter writer)
    {
        foreach (var item in diagnostics.Items)
        {
            await writer.WriteLineAsync(item.ToString()).ConfigureAwait(false);
        }
    }
}
