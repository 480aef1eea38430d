using System.Net;
using System.Net.Sockets;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.Plugins.Tests.TestKit;

/// <summary>The shared helpers other tests rely on: if these lie, every other test could pass vacuously.</summary>
public sealed class TestKitTests
{
    [Fact]
    public async Task DuplexPipeConnection_CompleteWrites_PeerReadsEndOfStreamButCanStillWrite()
    {
        var (client, server) = DuplexPipeConnection.CreatePair();
        await client.Stream.WriteAsync("hi"u8.ToArray());
        await client.CompleteWritesAsync(CancellationToken.None);

        var received = new MemoryStream();
        await server.Stream.CopyToAsync(received);
        await server.Stream.WriteAsync("back"u8.ToArray());
        await server.CompleteWritesAsync(CancellationToken.None);
        var answer = new MemoryStream();
        await client.Stream.CopyToAsync(answer);

        Assert.Equal("hi"u8.ToArray(), received.ToArray());
        Assert.Equal("back"u8.ToArray(), answer.ToArray());
    }

    [Fact]
    public async Task DataPump_ThroughTcpEchoServer_IntactAndHalfClosed()
    {
        await using var echo = new TcpEchoServer();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(echo.EndPoint);
        await using var stream = new NetworkStream(socket);

        var result = await DataPump.PumpAsync(stream, 1_000_003, seed: 9);

        Assert.True(result.IsIntact, result.ToString());
        Assert.Equal(1_000_003, result.ReceivedBytes);
    }

    [Fact]
    public void PumpResult_DifferentHashes_NotIntact()
    {
        var result = new PumpResult(4, 4, [1, 2], [1, 3]);
        Assert.False(result.IsIntact);
    }

    [Fact]
    public async Task UdpEchoServer_EchoesDatagram()
    {
        await using var echo = new UdpEchoServer();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await socket.SendToAsync(new byte[] { 1, 2, 3 }, echo.EndPoint, timeout.Token);
        var buffer = new byte[16];
        var length = await socket.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal(new byte[] { 1, 2, 3 }, buffer[..length]);
    }

    [Fact]
    public void FreePort_Tcp_IsBindable()
    {
        var port = FreePort.Tcp();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        Assert.Equal(port, ((IPEndPoint)listener.LocalEndPoint!).Port);
    }

    [Fact]
    public void RepoPaths_Root_HoldsSolution() =>
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "VMessPlugins.sln")));
}
