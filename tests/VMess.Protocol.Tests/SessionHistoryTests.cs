using Microsoft.Extensions.Time.Testing;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Tests.VMess.Protocol.Tests;

/// <summary>The session history both header formats share: 3 minutes per (id, key, IV), swept at most every 30 s.</summary>
public sealed class SessionHistoryTests
{
    private static readonly byte[] Id = Bytes(1);
    private static readonly byte[] Key = Bytes(2);
    private static readonly byte[] Iv = Bytes(3);

    [Fact]
    public void TryAdd_SameSession_RefusedForThreeMinutesThenAcceptedAgain()
    {
        var clock = new FakeTimeProvider();
        var history = new SessionHistory(clock);

        Assert.True(history.TryAdd(Id, Key, Iv));
        clock.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromMilliseconds(1));
        Assert.False(history.TryAdd(Id, Key, Iv));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(history.TryAdd(Id, Key, Iv));
        // Accepted again: a new 3 minutes from now.
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(history.TryAdd(Id, Key, Iv));
    }

    [Fact]
    public void TryAdd_RefusedRepeat_DoesNotExtendTheWindow()
    {
        var clock = new FakeTimeProvider();
        var history = new SessionHistory(clock);
        Assert.True(history.TryAdd(Id, Key, Iv));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(history.TryAdd(Id, Key, Iv));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(history.TryAdd(Id, Key, Iv));
    }

    [Fact]
    public void TryAdd_AnyPartDifferent_IsAnotherSession()
    {
        var history = new SessionHistory(new FakeTimeProvider());
        Assert.True(history.TryAdd(Id, Key, Iv));

        Assert.True(history.TryAdd(Bytes(9), Key, Iv));
        Assert.True(history.TryAdd(Id, Bytes(9), Iv));
        Assert.True(history.TryAdd(Id, Key, Bytes(9)));
        Assert.False(history.TryAdd(Bytes(1), Bytes(2), Bytes(3)));
        Assert.Equal(4, history.Count);
    }

    [Fact]
    public void TryAdd_ExpiredSessions_SweptOnAnAddAtMostEveryThirtySeconds()
    {
        var clock = new FakeTimeProvider();
        var history = new SessionHistory(clock);
        Assert.True(history.TryAdd(Bytes(10), Key, Iv)); // sweeps (nothing) and schedules the next sweep at +30 s
        clock.Advance(TimeSpan.FromSeconds(175));
        Assert.True(history.TryAdd(Bytes(11), Key, Iv)); // sweeps (nothing expired yet): next at +205 s
        clock.Advance(TimeSpan.FromSeconds(15));

        Assert.True(history.TryAdd(Bytes(12), Key, Iv)); // +190 s: the first has expired, but no sweep is due
        Assert.Equal(3, history.Count);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.True(history.TryAdd(Bytes(13), Key, Iv)); // +205 s: swept

        Assert.Equal(3, history.Count);
        Assert.True(history.TryAdd(Bytes(10), Key, Iv));
    }

    [Fact]
    public void TryAdd_ManyThreadsSameSession_ExactlyOneAccepted()
    {
        var history = new SessionHistory(new FakeTimeProvider());
        var accepted = 0;

        Parallel.For(0, 64, _ =>
        {
            if (history.TryAdd(Id, Key, Iv))
            {
                Interlocked.Increment(ref accepted);
            }
        });

        Assert.Equal(1, accepted);
    }

    private static byte[] Bytes(byte fill) => Enumerable.Repeat(fill, 16).ToArray();
}
