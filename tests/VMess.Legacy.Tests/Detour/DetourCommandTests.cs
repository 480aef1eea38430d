using Moq;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>
/// The server side of detour: an inbound with detour.to answers every authenticated client with a switch-account
/// command naming the target inbound's port and the target's account for the client's email (V2Ray's
/// generateCommand and GetUser); our outbound reads it. The directory is a Moq fake.
/// </summary>
public sealed class DetourCommandTests
{
    private const ushort DynPort = 40001;
    private static readonly string MainSettings =
        $$$"""{"clients": [{"id": "{{{DetourHarness.AliceId}}}", "email": "Alice@Test"}], "detour": {"to": "dyn"}}""";

    [Fact]
    public async Task Tcp_DetourToVMessInbound_CommandNamesTargetPortAndItsAccountForTheEmail()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, """{"default": {"alterId": 4, "level": 1}}""");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.FromMinutes(2.5));
        var outbound = harness.CreateOutbound();

        await DetourExchange.EchoAsync(outbound, 50_000, timeout.Token);

        var switched = Assert.IsType<VMessPlugins.Plugins.VMess.Outbound.SwitchedServer>(outbound.SwitchedFor(0));
        var account = dyn.GetOrCreateDetourUser("alice@test");
        Assert.Equal(Destination.Tcp(Address.Parse("127.0.0.1"), DynPort), switched.Endpoint);
        Assert.Equal(Convert.ToHexString(account.Id), Convert.ToHexString(switched.Account.User.Id));
        Assert.Equal("alice@test", account.Email);
        Assert.Equal(4, switched.Account.User.AlterId);
        Assert.Equal(1u, switched.Account.User.Level);
        Assert.Equal("aes-128-cfb", switched.Account.Suite.Name);
        Assert.Equal("LegacyHeaderClient", switched.Account.HeaderClient.GetType().Name);
        Assert.Equal(harness.Clock.GetUtcNow().AddMinutes(3), switched.ValidUntil);
        Assert.Equal(["alice@test"], dyn.Users.Select(u => u.Email));
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("mux")]
    public async Task UdpAndMux_DetourInbound_AlsoSendTheCommand(string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, """{"default": {"alterId": 0}}""");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.FromMinutes(10));
        var outbound = harness.CreateOutbound(mux: kind == "mux");

        if (kind == "udp")
        {
            await DetourExchange.EchoDatagramAsync(outbound, timeout.Token);
        }
        else
        {
            await DetourExchange.EchoAsync(outbound, 10_000, timeout.Token);
        }

        var switched = outbound.SwitchedFor(0);
        Assert.NotNull(switched);
        Assert.Equal(DynPort, switched.Endpoint.Port);
        Assert.Equal(0, switched.Account.User.AlterId);
        Assert.Equal("AeadHeaderClient", switched.Account.HeaderClient.GetType().Name);
    }

    [Fact]
    public async Task TargetWithoutDefault_AccountGetsV2Ray434Defaults_AlterId0Level0()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, "{}");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.FromMinutes(10));
        var outbound = harness.CreateOutbound();

        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);

        var switched = outbound.SwitchedFor(0);
        Assert.NotNull(switched);
        Assert.Equal(0, switched.Account.User.AlterId);
        Assert.Equal(0u, switched.Account.User.Level);
    }

    [Theory]
    [InlineData(9999 * 60, 255)]
    [InlineData(255 * 60 - 1, 255)]
    [InlineData(119, 2)]
    [InlineData(120, 2)]
    [InlineData(59, 1)]
    public async Task ValidFor_IsMinutesRoundedUpAsV2RayAndCappedAt255(int seconds, int minutes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, "{}");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.FromSeconds(seconds));
        var outbound = harness.CreateOutbound();

        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);

        Assert.Equal(harness.Clock.GetUtcNow().AddMinutes(minutes), outbound.SwitchedFor(0)?.ValidUntil);
    }

    [Fact]
    public async Task ValidForZero_ZeroMinutes_ClientDoesNotSwitch()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, "{}");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.Zero);
        var outbound = harness.CreateOutbound();

        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);
        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);

        Assert.Null(outbound.SwitchedFor(0));
        Assert.All(harness.Dialed, d => Assert.Equal(DetourHarness.MainPort, d.Port));
    }

    [Fact]
    public async Task UnknownTag_NoCommandAndOneWarningForManyClients()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var outbound = harness.CreateOutbound();

        for (var i = 0; i < 3; i++)
        {
            await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);
        }

        Assert.Null(outbound.SwitchedFor(0));
        Assert.Equal(1, harness.Logs.Count("names [dyn], which is not a running inbound"));
        Assert.Equal(3, harness.Dispatcher.Sessions.Count);
        harness.Directory.Verify(d => d.TryGetDetourTarget("dyn", out It.Ref<DetourTarget>.IsAny), Times.Exactly(3));
    }

    [Fact]
    public async Task TargetIsNotVMess_NoCommandAndAWarning()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        harness.SetTarget("dyn", Mock.Of<IInboundHandler>(), DynPort, TimeSpan.FromMinutes(10));
        var outbound = harness.CreateOutbound();

        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);

        Assert.Null(outbound.SwitchedFor(0));
        Assert.Equal(1, harness.Logs.Count("which is not a vmess inbound"));
    }

    [Fact]
    public async Task SameEmail_EveryCommandNamesTheSameAccount()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, "{}");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.FromMinutes(10));
        var first = harness.CreateOutbound();
        var second = harness.CreateOutbound();

        await DetourExchange.EchoAsync(first, 1000, timeout.Token);
        await DetourExchange.EchoAsync(second, 1000, timeout.Token);

        Assert.Equal(Convert.ToHexString(first.SwitchedFor(0)!.Account.User.Id), Convert.ToHexString(second.SwitchedFor(0)!.Account.User.Id));
        Assert.Single(dyn.Users);
    }
}
