using System.Text;

namespace VMessPlugins.TestKit;

/// <summary>Lines captured from a child process's stdout and stderr, safe to read while it runs.</summary>
public sealed class OutputBuffer
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    /// <summary>Everything captured so far.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Appends one line.</summary>
    public void AppendLine(string prefix, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _text.Append(prefix).AppendLine(line);
        }
    }

    /// <summary>True when some captured line contains <paramref name="fragment"/> (ordinal, case-insensitive).</summary>
    public bool Contains(string fragment) => Text.Contains(fragment, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
