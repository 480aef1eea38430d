namespace VMessPlugins.Host.Cli;

/// <summary>Parses <c>vmessplugins COMMAND [-c FILE]... [-p FILE] [--help]</c>.</summary>
internal static class CliParser
{
    public static readonly string[] Commands = ["run", "test", "plugins", "uuid", "version"];

    /// <returns>The options, or null with <paramref name="error"/> set.</returns>
    public static CliOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        string? command = null;
        var configs = new List<string>();
        string? manifest = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "help":
                    help = true;
                    break;
                case "-c" or "--config" or "-config":
                    if (!TakeValue(args, ref i, arg, out var config, out error))
                    {
                        return null;
                    }

                    configs.Add(config);
                    break;
                case "-p" or "--plugins":
                    if (!TakeValue(args, ref i, arg, out var plugins, out error))
                    {
                        return null;
                    }

                    manifest = plugins;
                    break;
                default:
                    if (arg.StartsWith('-') || command is not null || !Commands.Contains(arg))
                    {
                        error = arg.StartsWith('-') ? $"unknown option \"{arg}\""
                            : command is null ? $"unknown command \"{arg}\"" : $"unexpected argument \"{arg}\"";
                        return null;
                    }

                    command = arg;
                    break;
            }
        }

        return new CliOptions(command ?? "", configs, manifest, help);
    }

    private static bool TakeValue(IReadOnlyList<string> args, ref int i, string option, out string value, out string? error)
    {
        if (i + 1 >= args.Count || args[i + 1].Length == 0)
        {
            value = "";
            error = $"option \"{option}\" needs a file name";
            return false;
        }

        value = args[++i];
        error = null;
        return true;
    }
}
