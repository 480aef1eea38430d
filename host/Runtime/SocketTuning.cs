namespace VMessPlugins.Host.Runtime;

/// <summary>
/// Process-wide runtime settings that suit a proxy. They must be applied before the first socket is
/// created, because the socket engine reads them once.
/// </summary>
internal static class SocketTuning
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Runs socket continuations on the epoll threads instead of handing each one to the thread pool: the
    /// data path never blocks, and the hand-off (a wake-up and a context switch per read) is most of the
    /// kernel time a relay spends beyond copying. The operator can still set the variable to 0.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
