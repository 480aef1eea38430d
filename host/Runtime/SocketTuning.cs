namespace VMessPlugins.Host.Runtime;

/// <summary>
/// Process-wide runtime settings for a proxy, applied before the first socket is created because the
/// socket engine reads them once.
/// </summary>
internal static class SocketTuning
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const string OptIn = "VMESSPLUGINS_INLINE_COMPLETIONS";

    /// <summary>
    /// With <c>VMESSPLUGINS_INLINE_COMPLETIONS=1</c>, runs socket continuations on the epoll threads instead
    /// of handing each one to the thread pool: about half the context switches per byte. Off by default:
    /// under a heavily loaded test suite, connections to a host with it on were reset a few times
    /// (not understood yet), and a proxy must not drop connections to save CPU.
    /// </summary>
    public static void Apply()
    {
        if (Environment.GetEnvironmentVariable(OptIn) == "1" && Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
