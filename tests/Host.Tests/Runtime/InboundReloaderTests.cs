using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Routing;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Runtime;

/// <summary>Reload of inbounds on a running server, with fake listeners and fake (Moq or hand-written) handlers.</summary>
public sealed class InboundReloaderTests : IAsyncLifetime
{
    private const string AliceAndBob = """{ "clients": [ { "email": "alice@x", "id": "a" }, { "email": "bob@x", "id": "b" } ] }""";
    private const string AliceAndCarol = """{ "clients": [ { "email": "alice@x", "id": "a" }, { "email": "carol@x", "id": "c" } ] }""";
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);
    private readonly FakeListeners _listeners = new();
    private readonly InboundDirectory _directory = new();
    private readonly ProxyServer _server;
    private readonly List<LoopbackPair> _pairs = [];

    public InboundReloaderTests() => _server = new ProxyServer(_directory, new FakeTimeProvider(), NullLoggerFactory.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        foreach (var pair in _pairs)
        {
            await pair.DisposeAsync();
        }
    }

    [Fact]
    public void Match_PairsByTagAndUntaggedByPosition()
    {
        Start(Plan([1000], "a"), Plan([1001], ""), Plan([1002], ""), Plan([1003], "gone"));
        var old = _server.Runners;

        var steps = InboundReloader.Match(old, Of(Plan([1002], ""), Plan([1000], "a"), Plan([1009], "new")));

        Assert.Same(old[0], steps.Single(s => s.Next?.Tag == "a").Old);
        Assert.Same(old[1], steps.Single(s => s.Next?.Definition.Ports[0] == 1002).Old);
        Assert.Equal(InboundChange.Replaced, steps.Single(s => s.Next?.Definition.Ports[0] == 1002).Change);
        Assert.Equal(InboundChange.Unchanged, steps.Single(s => s.Next?.Tag == "a").Change);
        Assert.Equal(InboundChange.Added, steps.Single(s => s.Next?.Tag == "new").Change);
        Assert.Equal([old[2], old[3]], steps.Where(s => s.Change == InboundChange.Removed).Select(s => s.Old));
    }

    [Fact]
    public void Match_SameListenersWithAReconfigurableHandler_IsReconfiguredElseReplacedWhenSettingsDiffer()
    {
        Start(Managed([1000], "vm", AliceAndBob), Plan([1001], "plain", """{ "x": 1 }"""));

        var steps = InboundReloader.Match(_server.Runners, Of(Managed([1000], "vm", AliceAndCarol), Plan([1001], "plain", """{ "x": 2 }""")));

        Assert.Equal(InboundChange.Reconfigured, steps[0].Change);
        Assert.Equal(InboundChange.Replaced, steps[1].Change);
    }

    [Fact]
    public async Task Reconfigured_KeepsListenersHandlerAndConnections_DisposesTheValidationHandler()
    {
        Start(Managed([1000], "vm", AliceAndBob));
        var running = (FakeManagedInbound)_server.Runners[0].Plan.Handler;
        var bob = await ConnectAsync(1000, "bob@x");
        var next = Managed([1000], "vm", AliceAndCarol);

        var steps = await ReloadAsync(Of(next), ReloadSettings.Default);

        Assert.Equal(InboundChange.Reconfigured, steps[0].Change);
        Assert.Same(running, _server.Runners[0].Plan.Handler);
        Assert.Equal(1, running.Reconfigurations);
        Assert.True(((FakeManagedInbound)next.Handler).Disposed);
        Assert.Single(_listeners.Made);
        Assert.Equal([1000], _listeners.Open);
        Assert.Equal(["bob@x"], steps[0].RemovedUsers.Select(u => u.Email));
        Assert.Equal(["carol@x"], steps[0].AddedUsers.Select(u => u.Email));
        Assert.Equal("ok", await ConnectReplyAsync(1000, "carol@x"));
        Assert.Equal("no", await ConnectReplyAsync(1000, "bob@x"));
        Assert.True(await IsStillOpenAsync(bob));
    }

    [Fact]
    public async Task RemovedUser_WithDropRemovedUsers_OnlyTheirConnectionsEnd()
    {
        Start(Managed([1000], "vm", AliceAndBob));
        var running = (FakeManagedInbound)_server.Runners[0].Plan.Handler;
        var alice = await ConnectAsync(1000, "alice@x");
        var bob = await ConnectAsync(1000, "bob@x");

        await ReloadAsync(Of(Managed([1000], "vm", AliceAndCarol)), new ReloadSettings(DropRemovedUsers: true, DropReplacedInbounds: false));

        await WaitUntilAsync(() => running.Cancelled == 1);
        Assert.True(await IsClosedAsync(bob));
        Assert.True(await IsStillOpenAsync(alice));
    }

    [Fact]
    public async Task HandlerDeclines_InboundIsReplacedOnTheSamePort()
    {
        Start(Managed([1000], "vm", AliceAndBob));
        var running = (FakeManagedInbound)_server.Runners[0].Plan.Handler;
        running.AcceptsReconfigure = false;
        var next = Managed([1000], "vm", AliceAndCarol);

        var steps = await ReloadAsync(Of(next), ReloadSettings.Default);

        Assert.Equal(InboundChange.Replaced, steps[0].Change);
        Assert.Same(next.Handler, _server.Runners[0].Plan.Handler);
        Assert.Equal(2, _listeners.Made.Count);
        Assert.Equal([1000], _listeners.Open);
        Assert.Equal("ok", await ConnectReplyAsync(1000, "carol@x"));
    }

    [Fact]
    public async Task ShapeChanged_NewListenersStart_OldConnectionsFinishOnTheirOwnByDefault()
    {
        Start(Managed([1000], "vm", AliceAndBob));
        var alice = await ConnectAsync(1000, "alice@x");

        var steps = await ReloadAsync(Of(Managed([1001], "vm", AliceAndBob)), ReloadSettings.Default);

        Assert.Equal(InboundChange.Replaced, steps[0].Change);
        Assert.Equal([1001], _listeners.Open);
        Assert.True(await IsStillOpenAsync(alice));
        Assert.Equal("ok", await ConnectReplyAsync(1001, "alice@x"));
    }

    [Fact]
    public async Task RemovedInbound_WithDropReplacedInbounds_ItsConnectionsEnd()
    {
        Start(Managed([1000], "vm", AliceAndBob), Plan([1001], "other"));
        var alice = await ConnectAsync(1000, "alice@x");

        var steps = await ReloadAsync(Of(Plan([1001], "other")), new ReloadSettings(DropRemovedUsers: false, DropReplacedInbounds: true));

        Assert.Equal(InboundChange.Removed, steps.Single(s => s.Old?.Plan.Tag == "vm").Change);
        Assert.Equal([1001], _listeners.Open);
        Assert.True(await IsClosedAsync(alice));
    }

    [Fact]
    public async Task PortOfANewInboundTaken_EverythingStaysAsItWas()
    {
        Start(Plan([1000], "a"), Plan([1001], "b"));
        var before = _server.Runners.ToList();
        _listeners.Taken.Add(1005);

        var steps = InboundReloader.Match(_server.Runners, Of(Plan([1000], "a"), Plan([1002], "b"), Plan([1005], "c")));
        var failure = await new InboundReloader(_server, NullLogger.Instance).SwitchListenersAsync(steps);

        Assert.NotNull(failure);
        Assert.Contains("inbounds[0].port: 127.0.0.1:1005 is already in use", failure);
        Assert.Equal([1000, 1001], _listeners.Open);
        Assert.Equal(before, _server.Runners);
    }

    [Fact]
    public async Task Commit_DirectoryFollowsTheNewRunners()
    {
        Start(Plan([1000], "detour"));
        var next = Plan([1003], "detour", """{ "changed": true }""");

        await ReloadAsync(Of(next), ReloadSettings.Default);

        Assert.True(_directory.TryGetDetourTarget("detour", out var target));
        Assert.Same(next.Handler, target.Handler);
        Assert.Equal(1003, target.Port);
    }

    [Fact]
    public async Task Commit_RetiredOutboundsAreDisposedOnceTheirConnectionsEnd()
    {
        var outbound = new Mock<IOutboundHandler>();
        var disposable = outbound.As<IAsyncDisposable>();
        Start([Managed([1000], "vm", AliceAndBob)], new Dictionary<string, IOutboundHandler> { [""] = outbound.Object });
        await ConnectAsync(1000, "alice@x");

        await ReloadAsync(Of(Managed([1000], "vm", AliceAndBob)), ReloadSettings.Default);
        disposable.Verify(d => d.DisposeAsync(), Times.Never);
        Assert.Equal(1, _server.EndConnections(_ => true));

        await WaitUntilAsync(() => disposable.Invocations.Count > 0);
    }

    private async Task<List<InboundStep>> ReloadAsync(ProxyPlan plan, ReloadSettings drop)
    {
        var reloader = new InboundReloader(_server, NullLogger.Instance);
        var steps = InboundReloader.Match(_server.Runners, plan);
        Assert.Null(await reloader.SwitchListenersAsync(steps));
        await reloader.ReconfigureKeptAsync(steps);
        reloader.Commit(new RuntimeGeneration(plan, Mock.Of<IDispatcher>()), steps, drop);
        return steps;
    }

    private void Start(params InboundPlan[] inbounds) => Start(inbounds, new Dictionary<string, IOutboundHandler>());

    private void Start(InboundPlan[] inbounds, Dictionary<string, IOutboundHandler> outbounds)
    {
        var plan = new ProxyPlan { Inbounds = inbounds, Outbounds = outbounds, Router = RoutingReader.Read([], [""], new ConfigDiagnostics()) };
        Assert.True(_server.Start(plan, Mock.Of<IDispatcher>(), new ConfigDiagnostics()));
    }

    private static ProxyPlan Of(params InboundPlan[] inbounds) =>
        new() { Inbounds = inbounds, Outbounds = new Dictionary<string, IOutboundHandler>(), Router = RoutingReader.Read([], [""], new ConfigDiagnostics()) };

    private InboundPlan Plan(ushort[] ports, string tag, string settings = "{}") =>
        _listeners.Plan(ports, AllocationSettings.Always, tag, settings, _ => Mock.Of<IInboundHandler>());

    private InboundPlan Managed(ushort[] ports, string tag, string settings) =>
        _listeners.Plan(ports, AllocationSettings.Always, tag, settings, d => new FakeManagedInbound(d), "managed");

    private async Task<LoopbackPair> ConnectAsync(ushort port, string email)
    {
        var pair = await LoopbackPair.CreateAsync();
        _pairs.Add(pair);
        _listeners.Find(port)!.Push(pair.Near);
        Assert.Equal("ok", await SendEmailAsync(pair, email));
        return pair;
    }

    private async Task<string> ConnectReplyAsync(ushort port, string email)
    {
        var pair = await LoopbackPair.CreateAsync();
        _pairs.Add(pair);
        _listeners.Find(port)!.Push(pair.Near);
        return await SendEmailAsync(pair, email);
    }

    private static async Task<string> SendEmailAsync(LoopbackPair pair, string email)
    {
        using var timeout = new CancellationTokenSource(s_limit);
        await pair.Far.Stream.WriteAsync(Encoding.ASCII.GetBytes(email + "\n"), timeout.Token);
        var reply = new byte[3];
        await pair.Far.Stream.ReadExactlyAsync(reply, timeout.Token);
        return Encoding.ASCII.GetString(reply, 0, 2);
    }

    // Open: nothing arrives within a short wait and the stream has not ended.
    private static async Task<bool> IsStillOpenAsync(LoopbackPair pair)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            // Data or the end of the stream: either way it did not stay open and silent.
            await pair.Far.Stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, wait.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private static async Task<bool> IsClosedAsync(LoopbackPair pair)
    {
        using var timeout = new CancellationTokenSource(s_limit);
        try
        {
            return await pair.Far.Stream.ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        using var timeout = new CancellationTokenSource(s_limit);
        while (!condition())
        {
            await timer.WaitForNextTickAsync(timeout.Token);
        }
    }
}
