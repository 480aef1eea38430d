using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.Xor;

public sealed class XorTransportTests : IDisposable
{
    private readonly TransportHarness _harness = new();
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Dial_SameKey_Echoes1MiBIntact()
    {
        await using var echo = new EchoAcceptor(_harness.Listen("""{"network": "xor", "xorSettings": {"key": 90}}"""));
        var dialer = _harness.Dialer("""{"network": "xor", "xorSettings": {"key": 90}}""");

        await using var connection = await dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), echo.Port), _cts.Token);
        var result = await DataPump.PumpAsync(connection.Stream, 1 << 20, seed: 7, () => connection.CompleteWritesAsync(_cts.Token), _cts.Token);

        Assert.True(result.IsIntact, result.ToString());
    }

    [Fact]
    public async Task Dial_Bytes_AreXoredOnTheWire()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Listen(1);
        var dialer = _harness.Dialer("""{"network": "xor", "xorSettings": {"key": 255}}""");

        await using var connection = await dialer.DialAsync(Destination.Tcp(Address.Parse("127.0.0.1"), (ushort)((IPEndPoint)server.LocalEndPoint!).Port), _cts.Token);
        using var accepted = await server.AcceptAsync(_cts.Token);
        await connection.Stream.WriteAsync(new byte[] { 0x00, 0x0f, 0xff }, _cts.Token);
        var wire = new byte[3];
        await new NetworkStream(accepted).ReadExactlyAsync(wire, _cts.Token);

        Assert.Equal(new byte[] { 0xff, 0xf0, 0x00 }, wire);
    }

    [Fact]
    public void CreateDialer_KeyOutOfRange_IsAConfigErrorAtItsPath()
    {
        var config = StreamConfig.Parse("""{"network": "xor", "xorSettings": {"key": 300}}""");

        Assert.Null(_harness.Transport("xor").CreateDialer(_harness.Settings(config, isServer: false)));
        Assert.Contains(config.Diagnostics.Items, d => d.JsonPath == "streamSettings.xorSettings.key");
    }

    public void Dispose()
    {
        _cts.Dispose();
        _harness.Dispose();
    }
}
