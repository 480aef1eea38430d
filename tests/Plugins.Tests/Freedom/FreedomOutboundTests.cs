using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Plugins.Freedom;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Plugins.Tests.Freedom;

public sealed class FreedomOutboundTests
{
    private static readonly SessionContext Session = new() { InboundTag = "in" };

    private static FreedomOutbound Outbound(FreedomSettings settings, LoopbackDialer dialer, IHostResolver? resolver = null) =>
        new("out", settings, dialer, resolver ?? new SystemResolver(), NullLogger<FreedomOutbound>.Instance);

    private static async Task<PumpResult> PumpAsync(IConnection connection, int bytes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await DataPump.PumpAsync(connection.Stream, bytes, seed: bytes, () => connection.CompleteWritesAsync(timeout.Token), timeout.Token);
    }

    [Fact]
    public async Task ConnectAsync_IPv4Destination_EchoesThroughDialer()
    {
        await using var echo = new TcpEchoServer();
        var dialer = new LoopbackDialer();
        var destination = Destination.Tcp(Address.FromIp(IPAddress.Loopback), echo.Port);

        await using var connection = await Outbound(new FreedomSettings(), dialer).ConnectAsync(destination, Session, CancellationToken.None);
        var result = await PumpAsync(connection, 256 * 1024);

        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal([destination], dialer.Dialed);
    }

    [Fact]
    public async Task ConnectAsync_Redirect_DialsRedirectTarget()
    {
        await using var echo = new TcpEchoServer();
        var dialer = new LoopbackDialer();
        var settings = new FreedomSettings { RedirectAddress = Address.FromIp(IPAddress.Loopback), RedirectPort = echo.Port };

        await using var connection = await Outbound(settings, dialer).ConnectAsync(Destination.Tcp(Address.FromDomain("example.invalid"), 1), Session, CancellationToken.None);
        var result = await PumpAsync(connection, 1000);

        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal([Destination.Tcp(Address.FromIp(IPAddress.Loopback), echo.Port)], dialer.Dialed);
    }

    [Fact]
    public async Task ConnectAsync_RedirectPortOnly_KeepsAddress()
    {
        await using var echo = new TcpEchoServer();
        var dialer = new LoopbackDialer();
        var settings = new FreedomSettings { RedirectPort = echo.Port };

        await using var connection = await Outbound(settings, dialer).ConnectAsync(Destination.Tcp(Address.FromIp(IPAddress.Loopback), 1), Session, CancellationToken.None);

        Assert.Equal(echo.Port, dialer.Dialed.Single().Port);
        Assert.Equal(Address.FromIp(IPAddress.Loopback), dialer.Dialed.Single().Address);
    }

    [Fact]
    public async Task ConnectAsync_AsIs_PassesDomainWithoutResolving()
    {
        await using var echo = new TcpEchoServer();
        var dialer = new LoopbackDialer();
        var resolver = new Mock<IHostResolver>(MockBehavior.Strict);

        await using var connection = await Outbound(new FreedomSettings(), dialer, resolver.Object)
            .ConnectAsync(Destination.Tcp(Address.FromDomain("localhost"), echo.Port), Session, CancellationToken.None);

        Assert.Equal(AddressKind.Domain, dialer.Dialed.Single().Address.Kind);
    }

    [Theory]
    [InlineData("UseIPv4", AddressFamily.InterNetwork)]
    [InlineData("UseIPv6", AddressFamily.InterNetworkV6)]
    [InlineData("UseIP", AddressFamily.Unspecified)]
    public async Task ConnectAsync_UseIpStrategies_ResolveWithFamilyFirst(string strategy, AddressFamily family)
    {
        await using var echo = new TcpEchoServer();
        var dialer = new LoopbackDialer();
        var resolver = new Mock<IHostResolver>();
        resolver.Setup(r => r.ResolveAsync("echo.test", family, It.IsAny<CancellationToken>())).ReturnsAsync([IPAddress.Loopback]);

        await using var connection = await Outbound(new FreedomSettings { DomainStrategy = Enum.Parse<DomainStrategy>(strategy) }, dialer, resolver.Object)
            .ConnectAsync(Destination.Tcp(Address.FromDomain("echo.test"), echo.Port), Session, CancellationToken.None);

        Assert.Equal(Destination.Tcp(Address.FromIp(IPAddress.Loopback), echo.Port), dialer.Dialed.Single());
        resolver.Verify(r => r.ResolveAsync("echo.test", family, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task ConnectAsync_NoAddressFound_ProxyException()
    {
        var resolver = new Mock<IHostResolver>();
        resolver.Setup(r => r.ResolveAsync(It.IsAny<string>(), It.IsAny<AddressFamily>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var dialer = new LoopbackDialer();

        var failure = await Assert.ThrowsAnyAsync<ProxyException>(async () =>
            await Outbound(new FreedomSettings { DomainStrategy = DomainStrategy.UseIPv6 }, dialer, resolver.Object)
                .ConnectAsync(Destination.Tcp(Address.FromDomain("v4only.test"), 80), Session, CancellationToken.None));

        Assert.Contains("v4only.test", failure.Message);
        Assert.Empty(dialer.Dialed);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ProxyException()
    {
        var port = FreePort.Tcp();
        await Assert.ThrowsAnyAsync<ProxyException>(async () =>
            await Outbound(new FreedomSettings(), new LoopbackDialer())
                .ConnectAsync(Destination.Tcp(Address.FromIp(IPAddress.Loopback), port), Session, CancellationToken.None));
    }
}
