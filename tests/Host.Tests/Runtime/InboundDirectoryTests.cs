using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Runtime;

public sealed class InboundDirectoryTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeListeners _listeners = new();

    [Fact]
    public async Task TryGetDetourTarget_RandomInbound_GivesItsHandlerACurrentPortAndTheTimeToTheRefresh()
    {
        var handler = Mock.Of<IInboundHandler>();
        ushort[] range = [.. Enumerable.Range(40000, 10).Select(p => (ushort)p)];
        await using var runner = Start(_listeners.Plan(range, new AllocationSettings(PortAllocation.Random, TimeSpan.FromMinutes(10), 2), "dynamic", handler));
        var directory = new InboundDirectory();
        directory.Publish([runner]);
        _time.Advance(TimeSpan.FromMinutes(4));

        Assert.True(directory.TryGetDetourTarget("dynamic", out var target));

        Assert.Same(handler, target.Handler);
        Assert.Contains(target.Port, runner.CurrentPorts);
        Assert.Equal(TimeSpan.FromMinutes(6), target.ValidFor);
    }

    [Fact]
    public async Task TryGetDetourTarget_FollowsTheRefresh()
    {
        ushort[] range = [.. Enumerable.Range(40000, 10).Select(p => (ushort)p)];
        await using var runner = Start(_listeners.Plan(range, new AllocationSettings(PortAllocation.Random, TimeSpan.FromMinutes(5), 1), "dynamic"));
        var directory = new InboundDirectory();
        directory.Publish([runner]);
        directory.TryGetDetourTarget("dynamic", out var before);

        _time.Advance(TimeSpan.FromMinutes(5));
        directory.TryGetDetourTarget("dynamic", out var after);

        Assert.NotEqual(before.Port, after.Port);
        Assert.Equal(runner.CurrentPorts.Single(), after.Port);
        Assert.Equal(TimeSpan.FromMinutes(5), after.ValidFor);
    }

    [Fact]
    public async Task TryGetDetourTarget_UnknownOrStoppedInbound_IsFalse()
    {
        var runner = Start(_listeners.Plan([40000], AllocationSettings.Always, "fixed"));
        var directory = new InboundDirectory();
        directory.Publish([runner]);

        Assert.False(directory.TryGetDetourTarget("other", out _));
        Assert.True(directory.TryGetDetourTarget("fixed", out var target));
        Assert.Equal(40000, target.Port);

        await runner.StopListeningAsync();
        Assert.False(directory.TryGetDetourTarget("fixed", out _));
    }

    [Fact]
    public async Task Directory_IsTheServiceGivenToPlugins()
    {
        using var host = new SampleHost();
        var prepared = host.Prepare(host.WriteConfig(SampleHost.Config()));
        await using var _ = prepared!;

        Assert.Same(prepared!.Directory, prepared.Services.GetService(typeof(IInboundDirectory)));
    }

    private InboundRunner Start(InboundPlan plan)
    {
        var runner = new InboundRunner(plan, (_, _) => { }, _time, NullLogger.Instance);
        Assert.True(runner.Start(new ConfigDiagnostics()));
        return runner;
    }
}
