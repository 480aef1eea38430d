using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Plugins;

/// <summary>The vmess inbound's users while it runs: added, removed, and re-applied by a reload.</summary>
public sealed class UserManagementTests
{
    private const string NewUserId = "9f1a7c3e-2b4d-4e8f-a1c2-3d4e5f607182";
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(500);
    private static readonly Destination Target = Destination.Tcp(Address.Parse("10.0.0.1"), 80);

    [Fact]
    public async Task TryAddUser_NewUser_HandshakesAtOnceUnderItsEmail()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(Deadline);
        var users = Managed(harness);

        var error = users.TryAddUser(new UserInfo(NewUserId, "carol@test", 1));

        Assert.Null(error);
        await AssertServedAsync(harness, NewUserId, timeout.Token);
        var session = Assert.Single(harness.Dispatcher.Sessions);
        Assert.Equal("carol@test", session.User?.Email);
        Assert.Equal(1u, session.User?.Level);
        Assert.Equal(["other@test", "alice@test", "carol@test"], users.Users.Select(u => u.Email));
    }

    [Fact]
    public async Task RemoveUser_ByEmailAnyCase_NextHandshakeIsRefused()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(Deadline);
        var users = Managed(harness);
        await AssertServedAsync(harness, VMessHarness.UserId, timeout.Token);

        Assert.True(users.RemoveUser("ALICE@test"));

        await AssertRefusedAsync(harness, VMessHarness.UserId, timeout.Token);
        Assert.False(users.RemoveUser("alice@test"));
        Assert.Equal(["other@test"], users.Users.Select(u => u.Email));
        await AssertServedAsync(harness, VMessHarness.OtherUserId, timeout.Token);
    }

    [Theory]
    [InlineData(NewUserId, "ALICE@TEST", "already a user")]
    [InlineData(VMessHarness.UserId, "dave@test", "already the id of user alice@test")]
    [InlineData("not-a-uuid", "dave@test", "not a UUID")]
    [InlineData(NewUserId, "", "email is required")]
    public async Task TryAddUser_Invalid_RefusedWithReasonAndNothingChanges(string id, string email, string reason)
    {
        await using var harness = new VMessHarness(Deadline);
        var users = Managed(harness);

        var error = users.TryAddUser(new UserInfo(id, email, 0));

        Assert.NotNull(error);
        Assert.Contains(reason, error);
        Assert.Equal(["other@test", "alice@test"], users.Users.Select(u => u.Email));
    }

    [Fact]
    public async Task TryReconfigure_OnlyClientsChanged_AppliesTheDiffAndKeepsRuntimeUsers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(Deadline);
        var users = Managed(harness);
        Assert.Null(users.TryAddUser(new UserInfo(NewUserId, "carol@test", 0)));
        var json = $$$"""
            {"settings": {"clients": [
              {"id": "{{{VMessHarness.OtherUserId}}}", "email": "other@test", "level": 2},
              {"id": "0c7c6c0e-8d5e-4a36-9b0b-6f0d4c1f0a11", "email": "erin@test"}
            ]}}
            """;

        var applied = ((IReconfigurableInbound)harness.Inbound).TryReconfigure(Definition(json));

        Assert.True(applied);
        Assert.Equal(["carol@test", "other@test", "erin@test"], users.Users.Select(u => u.Email));
        Assert.Equal(2u, users.Users.Single(u => u.Email == "other@test").Level);
        await AssertRefusedAsync(harness, VMessHarness.UserId, timeout.Token);
        await AssertServedAsync(harness, "0c7c6c0e-8d5e-4a36-9b0b-6f0d4c1f0a11", timeout.Token);
        await AssertServedAsync(harness, NewUserId, timeout.Token);
        await AssertServedAsync(harness, VMessHarness.OtherUserId, timeout.Token);
        Assert.Equal(2u, harness.Dispatcher.Sessions[^1].User?.Level);
    }

    [Theory]
    [InlineData(", \"disableInsecureEncryption\": true")]
    [InlineData(", \"detour\": {\"to\": \"elsewhere\"}")]
    [InlineData(", \"default\": {\"level\": 1}")]
    [InlineData(", \"taintFuse\": false")]
    public async Task TryReconfigure_NonClientSettingChanged_ReturnsFalseAndChangesNothing(string extra)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(Deadline);
        var users = Managed(harness);
        var json = $$$"""
            {"settings": {"clients": [{"id": "{{{NewUserId}}}", "email": "carol@test"}]{{{extra}}}}}
            """;

        var applied = ((IReconfigurableInbound)harness.Inbound).TryReconfigure(Definition(json));

        Assert.False(applied);
        Assert.Equal(["other@test", "alice@test"], users.Users.Select(u => u.Email));
        await AssertRefusedAsync(harness, NewUserId, timeout.Token);
        await AssertServedAsync(harness, VMessHarness.UserId, timeout.Token);
    }

    [Fact]
    public async Task TryReconfigure_SameSettings_ReturnsTrueAndAddsNoDiagnostics()
    {
        await using var harness = new VMessHarness(Deadline);
        var diagnostics = new ConfigDiagnostics();
        var json = $$$"""
            {"settings": {"clients": [
              {"id": "{{{VMessHarness.OtherUserId}}}", "email": "other@test"},
              {"id": "{{{VMessHarness.UserId}}}", "email": "alice@test", "level": 0}
            ], "unknownKey": 1}}
            """;

        var applied = ((IReconfigurableInbound)harness.Inbound).TryReconfigure(VMessHarness.InboundDefinitionFor(json, diagnostics));

        Assert.True(applied);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(["other@test", "alice@test"], Managed(harness).Users.Select(u => u.Email));
    }

    private static IUserManagedInbound Managed(VMessHarness harness) => Assert.IsAssignableFrom<IUserManagedInbound>(harness.Inbound);

    private static InboundDefinition Definition(string json) => VMessHarness.InboundDefinitionFor(json, new ConfigDiagnostics());

    private static async Task AssertServedAsync(VMessHarness harness, string id, CancellationToken cancellationToken)
    {
        var outbound = harness.CreateOutbound("aes-128-gcm", id: id);
        await using var connection = await outbound.ConnectAsync(Target, VMessHarness.ClientSession(), cancellationToken);
        var (sent, received) = await Exchange.EchoAsync(connection, 10_000, cancellationToken);
        Assert.Equal(sent, received);
    }

    private static async Task AssertRefusedAsync(VMessHarness harness, string id, CancellationToken cancellationToken)
    {
        var dispatched = harness.Dispatcher.Destinations.Count;
        var outbound = harness.CreateOutbound("aes-128-gcm", id: id);
        await using var connection = await outbound.ConnectAsync(Target, VMessHarness.ClientSession(), cancellationToken);
        await connection.Stream.WriteAsync(new byte[100], cancellationToken);

        await Assert.ThrowsAsync<ProxyException>(() => Exchange.ReadToEndAsync(connection.Stream, cancellationToken));
        Assert.Equal(dispatched, harness.Dispatcher.Destinations.Count);
    }
}
