namespace VMessPlugins.Host.Runtime;

/// <summary>
/// One resettable idle timer per relay: reads record a timestamp (no allocation), and a single
/// <see cref="ITimer"/> checks it when the timeout could have elapsed, cancelling the relay if it did.
/// </summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _expired;
    private readonly ITimer _timer;
    private long _lastActivity;
    private long _timeoutTicks;
    private int _expiredFlag;

    public IdleWatch(TimeProvider time, TimeSpan timeout, CancellationTokenSource expired)
    {
        _time = time;
        _expired = expired;
        _timeoutTicks = timeout.Ticks;
        _lastActivity = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((IdleWatch)state!).Check(), this, Clamp(timeout), Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once the timeout fired.</summary>
    public bool HasExpired => Volatile.Read(ref _expiredFlag) != 0;

    public void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    /// <summary>Switches to another timeout, counted from now (after one direction has finished).</summary>
    public void Reset(TimeSpan timeout)
    {
        Volatile.Write(ref _timeoutTicks, timeout.Ticks);
        Touch();
        _timer.Change(Clamp(timeout), Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        var timeout = TimeSpan.FromTicks(Volatile.Read(ref _timeoutTicks));
        var idle = _time.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (idle >= timeout)
        {
            Volatile.Write(ref _expiredFlag, 1);
            try
            {
                _expired.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The relay already ended.
            }

            return;
        }

        try
        {
            _timer.Change(Clamp(timeout - idle), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The relay already ended.
        }
    }

    // A zero timeout would mean "never" to a timer; V2Ray's 0 means "at once".
    private static TimeSpan Clamp(TimeSpan timeout) => timeout <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : timeout;
}
