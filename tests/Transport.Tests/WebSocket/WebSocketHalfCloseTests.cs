using System.Text;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Tests.Transport.Tests.Support;
using VMessPlugins.Tests.Transport.Tests.Tls;

namespace VMessPlugins.Tests.Transport.Tests.WebSocket;

/// <summary>A Close frame ends one direction only: the side that received it can still answer.</summary>
public sealed class WebSocketHalfCloseTests : IDisposable
{
    private readonly TestCertificate _certificate = TestCertificate.Create();
    private readonly TransportHarness _harness = new();
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompleteWrites_ClientFirst_ServerStillAnswersAfterReadingTheClose(bool tls)
    {
        await using var listener = _harness.Listen(tls ? TlsConfigs.ServerFromFiles(_certificate, network: "ws") : """{"network": "ws"}""");
        var dialer = _harness.Dialer(tls ? TlsConfigs.ClientTrusting(_certificate, network: "ws") : """{"network": "ws"}""");
        var port = (ushort)((System.Net.IPEndPoint)listener.LocalEndPoint).Port;

        var accepting = listener.AcceptAsync(_cts.Token).AsTask();
        await using var client = await dialer.DialAsync(Destination.Tcp(Address.Parse("localhost"), port), _cts.Token);
        await using var server = await accepting;
        await client.Stream.WriteAsync("ping"u8.ToArray(), _cts.Token);
        await client.CompleteWritesAsync(_cts.Token);
        var request = await ReadToEndAsync(server.Stream);
        await server.Stream.WriteAsync("pong"u8.ToArray(), _cts.Token);
        await server.CompleteWritesAsync(_cts.Token);

        Assert.Equal("ping", request);
        Assert.Equal("pong", await ReadToEndAsync(client.Stream));
    }

    public void Dispose()
    {
        _cts.Dispose();
        _harness.Dispose();
        _certificate.Dispose();
    }

    private async Task<string> ReadToEndAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, _cts.Token);
        return Encoding.ASCII.GetString(copy.ToArray());
    }
}
