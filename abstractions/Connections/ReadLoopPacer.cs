namespace VMessPlugins.Abstractions.Connections;

/// <summary>
/// Keeps a read loop from holding a socket event thread. With inline socket completions (opt-in through
/// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1) a loop's continuations run on the thread that polls every
/// socket of the process; a loop whose
/// reads keep completing at once would never give that thread back, and every other connection would
/// stall. Call <see cref="ShouldYield"/> once per read and <c>await Task.Yield()</c> when it says so.
/// </summary>
/// <example>
/// <code>
/// var reading = stream.ReadAsync(buffer, token);
/// var waited = !reading.IsCompleted;
/// var read = await reading.ConfigureAwait(false);
/// // ... use the data ...
/// if (pacer.ShouldYield(waited, read)) { await Task.Yield(); }
/// </code>
/// </example>
public struct ReadLoopPacer
{
    /// <summary>Bytes a loop may move without waiting before it hands over the event thread.</summary>
    public const int Budget = 256 * 1024;

    // Each item counts at least this much, so that a flood of small datagrams is paced too.
    private const int MinimumItemCost = 1024;

    private int _spent;

    /// <summary>
    /// Records one read of <paramref name="bytes"/>; <paramref name="waited"/> is false when the read's task
    /// was already complete when it was returned. True when the loop should yield now: it has moved
    /// <see cref="Budget"/> bytes without waiting and is not on a thread-pool thread (a pool thread never
    /// needs to hand over).
    /// </summary>
    public bool ShouldYield(bool waited, int bytes)
    {
        _spent = (waited ? 0 : _spent) + Math.Max(bytes, MinimumItemCost);
        if (_spent < Budget || Thread.CurrentThread.IsThreadPoolThread)
        {
            return false;
        }

        _spent = 0;
        return true;
    }
}
