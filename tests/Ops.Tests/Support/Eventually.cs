using System.Diagnostics;

namespace VMessPlugins.Tests.Ops.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes (a readiness check, not a fixed sleep).</summary>
internal static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value) || clock.Elapsed > timeout)
            {
                return value;
            }

            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }
}
