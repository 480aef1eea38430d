using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>Our outbound obeying switch-account: which endpoint and account the next connections use, and for how long.</summary>
public sealed class SwitchFollowTests
{
    private const ushort DynPort = 40001;
    private static readonly string MainSettings =
        $$$"""{"clients": [{"id": "{{{DetourHarness.AliceId}}}", "email": "alice@test"}], "detour": {"to": "dyn"}}""";

    [Theory]
    [InlineData(4, "", "LegacyHeaderClient")]
    [InlineData(4, "VMessAEAD", "AeadHeaderClient")]
    [InlineData(0, "", "AeadHeaderClient")]
    public async Task AfterSwitch_NextConnectionsUseTheNewPortAndAccountWithCfbBody(int alterId, string testsEnabled, string header)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, $$$"""{"default": {"alterId": {{{alterId}}}, "level": 1}}""");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.FromMinutes(5));
        var outbound = harness.CreateOutbound(testsEnabled: testsEnabled);

        await DetourExchange.EchoAsync(outbound, 10_000, timeout.Token);
        await DetourExchange.EchoAsync(outbound, 2 * 1024 * 1024, timeout.Token);
        await DetourExchange.EchoDatagramAsync(outbound, timeout.Token);

        Assert.Equal([DetourHarness.MainPort, DynPort, DynPort], harness.Dialed.Select(d => d.Port));
        Assert.Equal(header, outbound.SwitchedFor(0)!.Account.HeaderClient.GetType().Name);
        var onDyn = harness.Dispatcher.Sessions.Where(s => s.InboundTag == "dyn").ToArray();
        Assert.Equal(2, onDyn.Length);
        Assert.All(onDyn, s => Assert.Equal("alice@test", s.User?.Email));
        Assert.All(onDyn, s => Assert.Equal(1u, s.User?.Level));
        Assert.Contains(harness.Logs.Lines, l => l.Contains("switched us to tcp:127.0.0.1:40001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SwitchExpires_BackToTheConfiguredServerWhichSwitchesAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, "{}");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.FromMinutes(2));
        var outbound = harness.CreateOutbound();

        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);
        harness.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(outbound.SwitchedFor(0));
        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);
        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);

        Assert.Equal([DetourHarness.MainPort, DynPort, DetourHarness.MainPort, DynPort], harness.Dialed.Select(d => d.Port));
    }

    [Fact]
    public async Task SwitchedPortRefuses_ConnectionFallsBackToTheConfiguredServerAndForgetsTheSwitch()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, "{}");
        harness.SetTarget("dyn", dyn, 40002, TimeSpan.FromMinutes(5));
        var outbound = harness.CreateOutbound();

        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);
        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);

        Assert.Equal([DetourHarness.MainPort, 40002, DetourHarness.MainPort], harness.Dialed.Select(d => d.Port));
        Assert.Equal(1, harness.Logs.Count("back to the configured server"));
        Assert.Equal((ushort)40002, outbound.SwitchedFor(0)?.Endpoint.Port);
    }

    [Theory]
    [InlineData("Auth.Legacy", 4)]
    [InlineData("Cipher.Aes128Cfb", 0)]
    public async Task PluginTheSwitchNeedsIsDisabled_WarnsOnceAndKeepsTheConfiguredAccount(string disabled, int alterId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness(disabled);
        harness.AddInbound("main", DetourHarness.MainPort, MainSettings);
        var dyn = harness.AddInbound("dyn", DynPort, $$$"""{"default": {"alterId": {{{alterId}}}}}""");
        harness.SetTarget("dyn", dyn, DynPort, TimeSpan.FromMinutes(5));
        var outbound = harness.CreateOutbound();

        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);
        await DetourExchange.EchoAsync(outbound, 1000, timeout.Token);

        Assert.Null(outbound.SwitchedFor(0));
        Assert.All(harness.Dialed, d => Assert.Equal(DetourHarness.MainPort, d.Port));
        Assert.Equal(1, harness.Logs.Count($"needs the plugin {disabled}, which is not enabled"));
        if (disabled == "Auth.Legacy")
        {
            Assert.Equal(1, harness.Logs.Count("hands out alterId 4 accounts but the plugin Auth.Legacy is not enabled"));
        }
    }

    [Theory]
    [InlineData("127.0.0.9", "127.0.0.9")]
    [InlineData("[::1]", "::1")]
    [InlineData("proxy.example", "proxy.example")]
    public async Task FakeServer_CommandWithHost_SwitchesToThatHost(string host, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        var id = RandomNumberGenerator.GetBytes(16);
        var command = SwitchAccountCodec.Encode(new SwitchAccountCommand(host, 4321, id, 2, 7, 9));
        harness.AddServer(DetourHarness.MainPort, connection => AnswerAsync(harness, connection, SwitchAccountCommand.CommandId, command));
        var outbound = harness.CreateOutbound();

        await ExchangeWithFakeAsync(outbound, timeout.Token);

        var switched = outbound.SwitchedFor(0);
        Assert.NotNull(switched);
        Assert.Equal(Destination.Tcp(Address.Parse(expected), 4321), switched.Endpoint);
        Assert.Equal(Convert.ToHexString(id), Convert.ToHexString(switched.Account.User.Id));
        Assert.Equal(2, switched.Account.User.AlterId);
        Assert.Equal(7u, switched.Account.User.Level);
        Assert.Equal(harness.Clock.GetUtcNow().AddMinutes(9), switched.ValidUntil);
    }

    [Theory]
    [InlineData("bad-fnv")]
    [InlineData("unknown-id")]
    [InlineData("four-bytes")]
    [InlineData("short-body")]
    public async Task FakeServer_InvalidCommand_IgnoredSilentlyAndTheConnectionWorks(string defect)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new DetourHarness();
        var command = SwitchAccountCodec.Encode(new SwitchAccountCommand("", 4321, RandomNumberGenerator.GetBytes(16), 0, 0, 9));
        byte commandId = SwitchAccountCommand.CommandId;
        switch (defect)
        {
            case "bad-fnv":
                command[^1] ^= 0x01;
                break;
            case "unknown-id":
                commandId = 7;
                break;
            case "four-bytes":
                command = command[..4];
                break;
            default:
                command = command[..12];
                var checksum = Fnv1a.Hash(command.AsSpan(4));
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(command, checksum);
                break;
        }

        harness.AddServer(DetourHarness.MainPort, connection => AnswerAsync(harness, connection, commandId, command));
        var outbound = harness.CreateOutbound();

        await ExchangeWithFakeAsync(outbound, timeout.Token);

        Assert.Null(outbound.SwitchedFor(0));
        Assert.Equal(1, harness.Logs.Count("ignored response command"));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    // Sends one byte, ends, and expects the fake's empty answer (response header, then EOF).
    private static async Task ExchangeWithFakeAsync(VMessPlugins.Plugins.VMess.Outbound.VMessOutboundHandler outbound, CancellationToken cancellationToken)
    {
        await using var connection = await outbound.ConnectAsync(DetourExchange.Target, new() { InboundTag = "socks-in" }, cancellationToken);
        await connection.Stream.WriteAsync(new byte[] { 42 }, cancellationToken);
        await connection.CompleteWritesAsync(cancellationToken);
        Assert.Empty(await Streams.ReadToEndAsync(connection.Stream, cancellationToken));
    }

    // A minimal VMess server: reads an AEAD request header for alice, answers with the given command and closes,
    // as a 4.34 server does when the upstream ends before sending anything.
    private static async Task AnswerAsync(DetourHarness harness, IConnection connection, byte commandId, byte[] command)
    {
        var authenticator = harness.Services.GetServices<IVMessHeaderAuthenticator>().Single(a => a.Name == "aead");
        using var server = authenticator.CreateServer(new VMessHeaderServerOptions { Logger = NullLogger.Instance });
        Assert.True(VMessId.TryParse(DetourHarness.AliceId, out var id));
        server.AddUser(new VMessUser(id, "alice@test", 0, 0));
        var buffer = new byte[4096];
        var fill = 0;
        var request = new VMessRequest();
        while (true)
        {
            var read = await connection.Stream.ReadAsync(buffer.AsMemory(fill));
            Assert.NotEqual(0, read);
            fill += read;
            var result = server.ReadRequest(buffer.AsSpan(0, fill), request);
            if (result.Status == VMessHeaderStatus.Accepted)
            {
                break;
            }

            Assert.Equal(VMessHeaderStatus.NeedMoreData, result.Status);
        }

        var response = new VMessResponse { CommandId = commandId, Command = command };
        var header = new byte[server.GetResponseLength(response)];
        var length = server.WriteResponse(request, response, header);
        await connection.Stream.WriteAsync(header.AsMemory(0, length));
        await connection.CompleteWritesAsync(CancellationToken.None);
        while (await connection.Stream.ReadAsync(buffer) > 0)
        {
        }
    }
}
