namespace VMessPlugins.Host.Links;

/// <summary>
/// <c>vmessplugins link export|import</c>. Returns the exit code: 0 done, 1 the config or link has
/// errors, 2 a bad command line.
/// </summary>
internal static partial class LinkCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, bool colours)
    {
        var subcommand = args.Count > 0 ? args[0] : "";
        var rest = args.Skip(1).ToList();
        var help = rest.Exists(a => a is "-h" or "--help" or "help");
        switch (subcommand)
        {
            case "export":
                return help ? await PrintAsync(output, LinkUsage.Export, 0).ConfigureAwait(false)
                    : await ExportAsync(rest, output, errors, colours).ConfigureAwait(false);
            case "import":
                return help ? await PrintAsync(output, LinkUsage.Import, 0).ConfigureAwait(false)
                    : await ImportAsync(rest, output, errors).ConfigureAwait(false);
            case "-h" or "--help" or "help":
                return await PrintAsync(output, LinkUsage.General, 0).ConfigureAwait(false);
            default:
                var problem = subcommand.Length == 0 ? "link needs \"export\" or \"import\"" : $"unknown link command \"{subcommand}\"";
                await errors.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return await PrintAsync(errors, LinkUsage.General, 2).ConfigureAwait(false);
        }
    }

    private static async Task<int> PrintAsync(TextWriter writer, string text, int exitCode)
    {
        await writer.WriteLineAsync(text).ConfigureAwait(false);
        return exitCode;
    }

    private static async Task<int> UsageErrorAsync(TextWriter errors, string problem, string usage)
    {
        await errors.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
        return await PrintAsync(errors, usage, 2).ConfigureAwait(false);
    }
}
