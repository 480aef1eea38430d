using System.Globalization;

namespace VMessPlugins.Bench.E2eThroughput;

/// <summary>CPU time of processes from /proc (Linux), so that a busy machine does not hide the cost per byte.</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100.0;

    /// <summary>User + system CPU seconds used so far by <paramref name="pid"/>.</summary>
    public static double Seconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>User-mode CPU seconds only (the part a proxy's own code spends).</summary>
    public static double UserSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) / TicksPerSecond;
    }

    /// <summary>
    /// Context switches so far, summed over every thread of <paramref name="pid"/>: a cost per byte that a
    /// busy machine blurs far less than throughput (threads that already ended are not counted).
    /// </summary>
    public static long ContextSwitches(int pid)
    {
        long total = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) ||
                        line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }

        return total;
    }

    /// <summary>The id of the process whose command line contains <paramref name="fragment"/>.</summary>
    public static int FindByCommandLine(string fragment)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Contains(fragment, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        throw new InvalidOperationException($"no process runs with \"{fragment}\"");
    }
}
