using System.Diagnostics;

namespace VMessPlugins.TestKit;

public sealed partial class HostProcess
{
    /// <summary>Waits for the process to exit on its own; returns false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks the host to stop as a user would (SIGINT, or SIGTERM with <paramref name="terminate"/>) and waits
    /// for it to exit; returns its exit code, or null if it was still running after <paramref name="timeout"/>.
    /// </summary>
    public async Task<int?> StopAsync(TimeSpan timeout, bool terminate = false)
    {
        if (!PosixSignals.Send(_process.Id, terminate ? PosixSignals.Terminate : PosixSignals.Interrupt))
        {
            throw new PlatformNotSupportedException("Cannot send a signal to the host on this platform.");
        }

        return await WaitForExitAsync(timeout).ConfigureAwait(false) ? _process.ExitCode : null;
    }

    /// <summary>Kills the process tree (if still running) and deletes the temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to kill.
        }
        finally
        {
            _process.Dispose();
            TryDeleteWorkDirectory();
        }
    }

    private void TryDeleteWorkDirectory()
    {
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException e)
        {
            Trace.WriteLine($"Could not delete {_workDirectory}: {e.Message}");
        }
    }
}
