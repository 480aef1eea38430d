namespace VMessPlugins.Host.Management;

/// <summary>
/// The options of the <c>api</c> and <c>reload</c> commands: options that take a value (repeatable ones
/// keep every value) and switches; anything else is a problem naming the argument.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);

    public string? Problem { get; private set; }

    /// <param name="args">The arguments after the command words.</param>
    /// <param name="valueOptions">Options followed by a value; aliases map to their first spelling ("-c" and "--config").</param>
    /// <param name="switches">Options without a value.</param>
    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> valueOptions, IReadOnlyCollection<string> switches)
    {
        var parsed = new CommandArguments();
        for (var i = 0; i < args.Count && parsed.Problem is null; i++)
        {
            var arg = args[i];
            if (valueOptions.TryGetValue(arg, out var name))
            {
                if (i + 1 >= args.Count || args[i + 1].Length == 0)
                {
                    parsed.Problem = $"option \"{arg}\" needs a value";
                    break;
                }

                if (!parsed._values.TryGetValue(name, out var list))
                {
                    parsed._values[name] = list = [];
                }

                list.Add(args[++i]);
            }
            else if (switches.Contains(arg))
            {
                parsed._switches.Add(arg);
            }
            else
            {
                parsed.Problem = arg.StartsWith('-') ? $"unknown option \"{arg}\"" : $"unexpected argument \"{arg}\"";
            }
        }

        return parsed;
    }

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>The last value given for <paramref name="name"/>, or null.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public bool Has(string option) => _switches.Contains(option);
}
