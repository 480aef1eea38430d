using System.Runtime.InteropServices;

namespace VMessPlugins.TestKit;

/// <summary>Sends POSIX signals to child processes (.NET only offers SIGKILL through Process.Kill).</summary>
internal static class PosixSignals
{
    public const int Interrupt = 2;
    public const int Terminate = 15;

    public static bool Send(int processId, int signal) => !OperatingSystem.IsWindows() && SysKill(processId, signal) == 0;

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for a one-int call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int sig);
}
