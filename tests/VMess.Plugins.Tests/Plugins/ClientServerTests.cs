using VMessPlugins.Abstractions.Net;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Plugins;

public sealed class ClientServerTests
{
    [Theory]
    [InlineData("aes-128-gcm", "")]
    [InlineData("chacha20-poly1305", "")]
    [InlineData("none", "")]
    [InlineData("zero", "")]
    [InlineData("auto", "")]
    [InlineData("aes-128-gcm", "AuthenticatedLength")]
    [InlineData("chacha20-poly1305", "VMessAEAD|AuthenticatedLength")]
    public async Task Connect_OurClientToOurServer_EchoesBytesAndNamesUser(string security, string tests)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness();
        var outbound = harness.CreateOutbound(security, tests);
        var destination = Destination.Tcp(Address.FromDomain("example.com"), 443);

        await using var connection = await outbound.ConnectAsync(destination, VMessHarness.ClientSession(), timeout.Token);
        var (sent, received) = await Exchange.EchoAsync(connection, 1_000_000, timeout.Token);

        Assert.Equal(sent, received);
        Assert.Equal(destination, Assert.Single(harness.Dispatcher.Destinations));
        Assert.Equal("alice@test", harness.Dispatcher.Sessions[0].User?.Email);
    }

    [Fact]
    public async Task Connect_ClientSendsNothing_HeaderStillArrivesAndServerAnswersOnEof()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness();
        var outbound = harness.CreateOutbound("aes-128-gcm");
        var destination = Destination.Tcp(Address.Parse("10.0.0.1"), 80);

        await using var connection = await outbound.ConnectAsync(destination, VMessHarness.ClientSession(), timeout.Token);
        var reading = Exchange.ReadToEndAsync(connection.Stream, timeout.Token);
        while (harness.Dispatcher.Destinations.Count == 0)
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }

        await connection.CompleteWritesAsync(timeout.Token);
        Assert.Empty(await reading);
        Assert.Equal(destination, harness.Dispatcher.Destinations[0]);
    }

    [Fact]
    public async Task Connect_ManyConnectionsAtOnce_AllEcho()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness();
        var outbound = harness.CreateOutbound("aes-128-gcm");
        var tasks = Enumerable.Range(0, 8).Select(async i =>
        {
            await using var connection = await outbound.ConnectAsync(
                Destination.Tcp(Address.Parse("::1"), (ushort)(1000 + i)), VMessHarness.ClientSession(), timeout.Token);
            var (sent, received) = await Exchange.EchoAsync(connection, 200_000, timeout.Token);
            Assert.Equal(sent, received);
        });

        await Task.WhenAll(tasks);
        Assert.Equal(8, harness.Dispatcher.Destinations.Count);
    }
}
