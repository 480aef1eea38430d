using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Plugins.Socks;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Plugins.Tests.Infrastructure;

namespace VMessPlugins.Tests.Plugins.Tests.Socks;

public sealed class SocksUdpTests
{
    private static async Task<(InboundRun Run, EchoPacketConnection Upstream, IPEndPoint Relay)> AssociateAsync(string settings = """{"udp":true}""")
    {
        var upstream = new EchoPacketConnection();
        var dispatcher = new FakeDispatcher { PacketFactory = _ => upstream };
        var run = new InboundRun(SocksConnectTests.Handler(settings), dispatcher);
        await Socks5Client.NegotiateAsync(run.Stream, null, run.Token);
        var (host, port) = await Socks5Client.RequestAsync(run.Stream, 0x03, "0.0.0.0", 0, run.Token);
        return (run, upstream, new IPEndPoint(IPAddress.Parse(host), port));
    }

    private static byte[] Datagram(byte frag, string host, ushort port, byte[] payload)
    {
        var bytes = new List<byte> { 0, 0, frag };
        Socks5Address.Append(bytes, host, port);
        bytes.AddRange(payload);
        return bytes.ToArray();
    }

    [Fact]
    public async Task UdpAssociate_Datagrams_RelayedAndAnsweredWithSource()
    {
        var (run, upstream, relay) = await AssociateAsync();
        await using var _ = run;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        Assert.Equal(IPAddress.Loopback, relay.Address);
        await client.SendToAsync(Datagram(0, "example.com", 53, [1, 2, 3]), relay, run.Token);
        var answer = new byte[1024];
        var length = await client.ReceiveAsync(answer, run.Token);
        var used = 3 + Socks5Address.Parse(answer.AsSpan(3, length - 3), out var host, out var port);

        Assert.Equal(new byte[] { 1, 2, 3 }, answer[used..length]);
        Assert.Equal(("example.com", (ushort)53), (host, port));
        Assert.Equal(Destination.Udp(Address.FromDomain("example.com"), 53), Assert.Single(upstream.SentTo));
    }

    [Fact]
    public async Task UdpAssociate_FragmentedOrForeignDatagrams_Dropped()
    {
        var (run, upstream, relay) = await AssociateAsync();
        await using var _ = run;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        stranger.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));

        await client.SendToAsync(Datagram(1, "127.0.0.1", 7, [9]), relay, run.Token);
        await client.SendToAsync(new byte[] { 0, 0 }, relay, run.Token);
        await stranger.SendToAsync(Datagram(0, "127.0.0.1", 7, [8]), relay, run.Token);
        await client.SendToAsync(Datagram(0, "127.0.0.1", 7, [7]), relay, run.Token);
        var answer = new byte[1024];
        var length = await client.ReceiveAsync(answer, run.Token);

        Assert.Equal(7, answer[length - 1]);
        Assert.Equal(Destination.Udp(Address.Parse("127.0.0.1"), 7), Assert.Single(upstream.SentTo));
    }

    [Fact]
    public async Task UdpAssociate_ControlConnectionCloses_AssociationEnds()
    {
        var (run, upstream, relay) = await AssociateAsync();
        await using var _ = run;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendToAsync(Datagram(0, "127.0.0.1", 7, [1]), relay, run.Token);
        await client.ReceiveAsync(new byte[64], run.Token);

        await run.Client.CompleteWritesAsync(run.Token);
        await run.Handling.WaitAsync(run.Token);

        Assert.True(upstream.Disposed);
    }

    [Fact]
    public async Task UdpAssociate_IpSetting_AnnouncedInReply()
    {
        var (run, _, relay) = await AssociateAsync("""{"udp":true,"ip":"192.0.2.7"}""");
        await using var __ = run;

        Assert.Equal(IPAddress.Parse("192.0.2.7"), relay.Address);
        Assert.NotEqual(0, relay.Port);
    }

    [Fact]
    public async Task UdpAssociate_AlternatingDestinations_EachDatagramKeepsItsOwn()
    {
        var (run, upstream, relay) = await AssociateAsync();
        await using var _ = run;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        string[] hosts = ["127.0.0.1", "example.com", "127.0.0.1", "::1", "example.com"];

        foreach (var host in hosts)
        {
            await client.SendToAsync(Datagram(0, host, 9, [5]), relay, run.Token);
            await client.ReceiveAsync(new byte[512], run.Token);
        }

        Assert.Equal(hosts.Select(h => Destination.Udp(Address.Parse(h), 9)), upstream.SentTo);
    }

    [Fact]
    public async Task UdpAssociate_IdleLongerThanPolicy_AssociationEnds()
    {
        var policies = new Mock<IPolicyProvider>();
        policies.Setup(p => p.GetPolicy(It.IsAny<uint>()))
            .Returns(new ConnectionPolicy { ConnectionIdle = TimeSpan.FromMilliseconds(300) });
        var (definition, _) = ConfigFixture.Inbound("socks", """{"udp":true}""");
        var handler = new SocksInboundFactory(NullLoggerFactory.Instance, policies.Object).Create(definition)!;
        var upstream = new EchoPacketConnection();
        await using var run = new InboundRun(handler, new FakeDispatcher { PacketFactory = _ => upstream });
        await Socks5Client.NegotiateAsync(run.Stream, null, run.Token);
        var (host, port) = await Socks5Client.RequestAsync(run.Stream, 0x03, "0.0.0.0", 0, run.Token);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendToAsync(Datagram(0, "127.0.0.1", 7, [1]), new IPEndPoint(IPAddress.Parse(host), port), run.Token);
        await client.ReceiveAsync(new byte[64], run.Token);

        // The control connection stays open: only the idle timer can end the association.
        await run.Handling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(upstream.Disposed);
        Assert.False(run.Client.WritesCompleted);
    }
}
