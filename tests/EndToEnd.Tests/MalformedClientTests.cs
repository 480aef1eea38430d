using System.Net.Sockets;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.EndToEnd.Tests;

public sealed class MalformedClientTests(ProxyHostFixture fixture) : IClassFixture<ProxyHostFixture>
{
    [Theory]
    [InlineData(new byte[] { 0x07, 0x01, 0x00 }, "not a SOCKS request (first byte 0x07)")]
    [InlineData(new byte[] { 0x05, 0x01, 0x00, 0x05, 0x09, 0x00, 0x01, 127, 0, 0, 1, 0, 80 }, "unsupported SOCKS5 command 0x09")]
    [InlineData(new byte[] { 0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x07, 1, 2, 3 }, "unknown SOCKS address type 0x07")]
    public async Task MalformedSocks_EndsThatConnection_NextClientStillServed(byte[] garbage, string logged)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var bad = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await bad.ConnectAsync(fixture.Socks, timeout.Token);
            await bad.SendAsync(garbage, SocketFlags.None, timeout.Token);
            Assert.True(await ReadsUntilClosedAsync(bad, timeout.Token), "the proxy kept a malformed connection open");
        }

        await using var honest = await Socks5Client.ConnectAsync(fixture.Socks, "127.0.0.1", fixture.TcpEcho.Port, cancellationToken: timeout.Token);
        var result = await DataPump.PumpAsync(honest, 4096, seed: 5, timeout.Token);

        Assert.True(result.IsIntact, $"{result}{fixture.Host.Describe()}");
        await fixture.Host.WaitForOutputAsync(logged, TimeSpan.FromSeconds(10));
        Assert.False(fixture.Host.HasExited, fixture.Host.Describe());
        Assert.DoesNotContain("   at ", fixture.Host.Output.Text);
    }

    [Fact]
    public async Task MalformedHttp_Answers400_NextClientStillServed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var bad = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await bad.ConnectAsync(fixture.Http, timeout.Token);
            await bad.SendAsync("NOT HTTP AT ALL\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            await using var stream = new NetworkStream(bad);
            var head = await HttpConnectClient.ReadHeadAsync(stream, timeout.Token);
            Assert.StartsWith("HTTP/1.1 400", head);
        }

        await using var honest = await HttpConnectClient.ConnectAsync(fixture.Http, "127.0.0.1", fixture.TcpEcho.Port, cancellationToken: timeout.Token);
        var result = await DataPump.PumpAsync(honest, 4096, seed: 6, timeout.Token);

        Assert.True(result.IsIntact, $"{result}{fixture.Host.Describe()}");
    }

    // True when the proxy ended the connection (EOF or reset), whatever it sent before.
    private static async Task<bool> ReadsUntilClosedAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }

            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }
}
