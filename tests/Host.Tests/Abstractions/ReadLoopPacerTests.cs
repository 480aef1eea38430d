using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Tests.Host.Tests.Abstractions;

public sealed class ReadLoopPacerTests
{
    [Fact]
    public async Task ShouldYield_OffThePool_AfterTheBudgetReadWithoutWaiting()
    {
        var answers = await OnDedicatedThreadAsync(() =>
        {
            var pacer = default(ReadLoopPacer);
            return Enumerable.Range(0, 8).Select(_ => pacer.ShouldYield(waited: false, 64 * 1024)).ToArray();
        });

        Assert.Equal([false, false, false, true, false, false, false, true], answers);
    }

    [Fact]
    public async Task ShouldYield_AReadThatWaited_StartsTheCountAgain()
    {
        var answers = await OnDedicatedThreadAsync(() =>
        {
            var pacer = default(ReadLoopPacer);
            return new[] { false, false, false, true, false, false, false }
                .Select(waited => pacer.ShouldYield(waited, 64 * 1024)).ToArray();
        });

        Assert.Equal([false, false, false, false, false, false, true], answers);
    }

    [Fact]
    public async Task ShouldYield_SmallDatagrams_AreCountedAsAtLeastOneKiB()
    {
        var firstYield = await OnDedicatedThreadAsync(() =>
        {
            var pacer = default(ReadLoopPacer);
            var reads = 1;
            while (!pacer.ShouldYield(waited: false, 10))
            {
                reads++;
            }

            return reads;
        });

        Assert.Equal(ReadLoopPacer.Budget / 1024, firstYield);
    }

    [Fact]
    public async Task ShouldYield_OnThePool_Never()
    {
        var anyYield = await Task.Run(() =>
        {
            var pacer = default(ReadLoopPacer);
            return Enumerable.Range(0, 100).Any(_ => pacer.ShouldYield(waited: false, 64 * 1024));
        });

        Assert.False(anyYield);
    }

    // A socket event thread is not a pool thread; neither is this one.
    private static Task<T> OnDedicatedThreadAsync<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() => result.SetResult(work())) { IsBackground = true }.Start();
        return result.Task;
    }
}
