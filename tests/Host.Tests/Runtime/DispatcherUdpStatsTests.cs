using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Routing;
using VMessPlugins.Host.Runtime;
using VMessPlugins.Host.Stats;

namespace VMessPlugins.Tests.Host.Tests.Runtime;

public sealed class DispatcherUdpStatsTests
{
    [Fact]
    public async Task OpenPacket_CountsDatagramPayloadsPerUserInboundAndOutbound_AndTheOpenAssociation()
    {
        var inner = new Mock<IPacketConnection>();
        inner.Setup(p => p.ReceiveAsync(It.IsAny<Memory<byte>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ReceivedPacket(300, Destination.Udp(Address.Parse("127.0.0.1"), 53)));
        var outbound = new Mock<IOutboundHandler>();
        outbound.Setup(o => o.OpenPacketAsync(It.IsAny<Destination>(), It.IsAny<SessionContext>(), It.IsAny<CancellationToken>())).ReturnsAsync(inner.Object);
        var plan = new ProxyPlan
        {
            Inbounds = [],
            Outbounds = new Dictionary<string, IOutboundHandler> { ["out"] = outbound.Object },
            Router = RoutingReader.Read([], ["out"], new ConfigDiagnostics()),
        };
        var stats = new TrafficStats();
        var dispatcher = new Dispatcher(plan, PolicyReader.Read(null), TimeProvider.System, NullLoggerFactory.Instance, stats);
        var session = new SessionContext { InboundTag = "in", User = new UserInfo("id", "u@x", 0) };

        var packets = await dispatcher.OpenPacketAsync(Destination.Udp(Address.Parse("127.0.0.1"), 53), session, CancellationToken.None);
        await packets.SendAsync(new byte[120], Destination.Udp(Address.Parse("127.0.0.1"), 53), CancellationToken.None);
        await packets.SendAsync(new byte[80], Destination.Udp(Address.Parse("127.0.0.1"), 53), CancellationToken.None);
        await packets.ReceiveAsync(new byte[2048], CancellationToken.None);
        var open = stats.Snapshot(reset: false).ToDictionary();
        await packets.DisposeAsync();
        var closed = stats.Snapshot(reset: false).ToDictionary();

        Assert.Equal(200, open["user>>>u@x>>>traffic>>>uplink"]);
        Assert.Equal(300, open["user>>>u@x>>>traffic>>>downlink"]);
        Assert.Equal(200, open["inbound>>>in>>>traffic>>>uplink"]);
        Assert.Equal(300, open["outbound>>>out>>>traffic>>>downlink"]);
        Assert.Equal(1, open["user>>>u@x>>>connections>>>open"]);
        Assert.Equal(0, closed["user>>>u@x>>>connections>>>open"]);
        inner.Verify(p => p.DisposeAsync(), Times.Once);
    }
}
