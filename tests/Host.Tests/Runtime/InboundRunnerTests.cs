using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Runtime;

public sealed class InboundRunnerTests
{
    private static readonly ushort[] s_range = [.. Enumerable.Range(20000, 20).Select(p => (ushort)p)];
    private static readonly AllocationSettings s_random = new(PortAllocation.Random, TimeSpan.FromMinutes(5), 3);
    private readonly FakeTimeProvider _time = new();
    private readonly FakeListeners _listeners = new();
    private readonly List<IConnection> _accepted = [];

    [Fact]
    public async Task Always_ListensOnEveryPortOfTheRange()
    {
        await using var runner = Runner(_listeners.Plan(s_range, AllocationSettings.Always));

        Assert.True(runner.Start(new ConfigDiagnostics()));

        Assert.Equal(s_range, _listeners.Open);
        Assert.Equal(s_range, runner.CurrentPorts);
    }

    [Fact]
    public async Task Always_DetourPort_IsValidFor9999Minutes()
    {
        await using var runner = Runner(_listeners.Plan(s_range, AllocationSettings.Always));
        runner.Start(new ConfigDiagnostics());

        Assert.True(runner.TryPickPort(out var port, out var validFor));

        Assert.Contains(port, s_range);
        Assert.Equal(TimeSpan.FromMinutes(9999), validFor);
    }

    [Fact]
    public async Task Always_PortInUse_IsAnErrorNamingThePort()
    {
        _listeners.Taken.Add(20003);
        var plan = _listeners.Plan(s_range, AllocationSettings.Always);
        await using var runner = Runner(plan);

        var diagnostics = new ConfigDiagnostics();
        Assert.False(runner.Start(diagnostics));

        var error = Assert.Single(diagnostics.Items);
        Assert.Equal("error: test.json: inbounds[0].port: 127.0.0.1:20003 is already in use", error.ToString());
    }

    [Fact]
    public async Task Random_Start_ListensOnConcurrencyPortsOfTheRange()
    {
        await using var runner = Runner(_listeners.Plan(s_range, s_random));

        Assert.True(runner.Start(new ConfigDiagnostics()));

        Assert.Equal(3, runner.CurrentPorts.Count);
        Assert.All(runner.CurrentPorts, p => Assert.Contains(p, s_range));
        Assert.Equal(runner.CurrentPorts.Order(), _listeners.Open);
    }

    [Fact]
    public async Task Random_Refresh_OpensNewPortsAndKeepsThePreviousOnesForOnePeriod()
    {
        await using var runner = Runner(_listeners.Plan(s_range, s_random));
        runner.Start(new ConfigDiagnostics());
        var first = runner.CurrentPorts.ToList();

        _time.Advance(TimeSpan.FromMinutes(5));
        var second = runner.CurrentPorts.ToList();

        Assert.Equal(3, second.Count);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(first.Concat(second).Order(), _listeners.Open);

        _time.Advance(TimeSpan.FromMinutes(5));
        var third = runner.CurrentPorts.ToList();

        Assert.Empty(third.Intersect(second));
        Assert.Equal(second.Concat(third).Order(), _listeners.Open);
        Assert.All(first.Except(third), p => Assert.True(_listeners.Made.Where(l => l.Port == p).All(l => l.Disposed)));
    }

    [Fact]
    public async Task Random_NotRefreshedBeforeTheInterval()
    {
        await using var runner = Runner(_listeners.Plan(s_range, s_random));
        runner.Start(new ConfigDiagnostics());
        var first = runner.CurrentPorts.ToList();

        _time.Advance(TimeSpan.FromMinutes(4.9));

        Assert.Equal(first, runner.CurrentPorts);
        Assert.Equal(3, _listeners.Made.Count);
    }

    [Fact]
    public async Task Random_FewFreePorts_KeepsSomePreviousPortsAndNeverListensTwiceOnOne()
    {
        ushort[] four = [30000, 30001, 30002, 30003];
        await using var runner = Runner(_listeners.Plan(four, s_random));
        runner.Start(new ConfigDiagnostics());

        for (var i = 0; i < 6; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(5));

            Assert.Equal(3, runner.CurrentPorts.Distinct().Count());
            Assert.Equal(_listeners.Open.Distinct().Count(), _listeners.Open.Count);
            Assert.Subset(four.ToHashSet(), _listeners.Open.ToHashSet());
        }
    }

    [Fact]
    public async Task Random_PortHeldByAnotherProcess_IsSkipped()
    {
        ushort[] five = [30000, 30001, 30002, 30003, 30004];
        _listeners.Taken.UnionWith([30000, 30001]);
        await using var runner = Runner(_listeners.Plan(five, s_random));

        Assert.True(runner.Start(new ConfigDiagnostics()));

        Assert.Equal([30002, 30003, 30004], runner.CurrentPorts);
    }

    [Fact]
    public async Task Random_NoPortCanBeListenedOn_IsAnError()
    {
        ushort[] two = [30000, 30001];
        _listeners.Taken.UnionWith(two);
        var plan = _listeners.Plan(two, s_random with { Concurrency = 1 });
        await using var runner = Runner(plan);

        var diagnostics = new ConfigDiagnostics();
        Assert.False(runner.Start(diagnostics));

        Assert.Contains(diagnostics.Items, d => d.ToString().StartsWith("error: test.json: inbounds[0].port: none of the 2 ports", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Random_DetourPort_IsCurrentAndValidUntilTheNextRefresh()
    {
        await using var runner = Runner(_listeners.Plan(s_range, s_random));
        runner.Start(new ConfigDiagnostics());
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.True(runner.TryPickPort(out var port, out var validFor));

        Assert.Contains(port, runner.CurrentPorts);
        Assert.Equal(TimeSpan.FromMinutes(3), validFor);
    }

    [Fact]
    public async Task StopListening_ClosesEveryListenerAndStopsRefreshing()
    {
        var runner = Runner(_listeners.Plan(s_range, s_random));
        runner.Start(new ConfigDiagnostics());
        _time.Advance(TimeSpan.FromMinutes(5));

        await runner.StopListeningAsync();
        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Empty(_listeners.Open);
        Assert.Equal(6, _listeners.Made.Count);
        Assert.False(runner.TryPickPort(out _, out _));
    }

    [Fact]
    public async Task AcceptedConnection_IsHandedToTheServer()
    {
        var handed = new TaskCompletionSource<IConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var runner = new InboundRunner(_listeners.Plan(s_range, s_random), (_, c) => handed.TrySetResult(c), _time, NullLogger.Instance);
        runner.Start(new ConfigDiagnostics());
        var connection = new Moq.Mock<IConnection>().Object;

        _listeners.Find(runner.CurrentPorts[0])!.Push(connection);

        Assert.Same(connection, await handed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task StopListening_ConnectionsQueuedAtTheListener_AreStillHandedOn()
    {
        await using var runner = Runner(_listeners.Plan([20000], AllocationSettings.Always));
        runner.Start(new ConfigDiagnostics());
        var listener = _listeners.Find(20000)!;
        IConnection[] queued = [new Mock<IConnection>().Object, new Mock<IConnection>().Object];
        foreach (var connection in queued)
        {
            listener.HoldBack(connection);
        }

        await runner.StopListeningAsync();

        Assert.True(listener.StoppedAccepting);
        Assert.True(listener.Disposed);
        Assert.Equal(queued, _accepted);
    }

    private InboundRunner Runner(InboundPlan plan) => new(plan, (_, c) => _accepted.Add(c), _time, NullLogger.Instance);
}
