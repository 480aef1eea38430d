using System.Security.Cryptography;
using System.Text;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.Plugins.Transport.Tls;
using VMessPlugins.Tests.Transport.Tests.Support;

namespace VMessPlugins.Tests.Transport.Tests.Tls;

public sealed class TlsLayerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TestCertificate _certificate = TestCertificate.Create();
    private readonly TransportHarness _harness = new();
    private readonly CancellationTokenSource _cts = new(Timeout);

    [Fact]
    public async Task Wrap_TrustedCertificateFromFiles_CarriesDataBothWaysAndHalfCloses()
    {
        var (server, client) = await ConnectAsync(TlsConfigs.ServerFromFiles(_certificate), TlsConfigs.ClientTrusting(_certificate), Address.Parse("localhost"));
        await using var serverConnection = await server;
        await using var clientConnection = await client;

        await clientConnection.Stream.WriteAsync("ping"u8.ToArray(), _cts.Token);
        await clientConnection.CompleteWritesAsync(_cts.Token);
        var received = await ReadToEndAsync(serverConnection.Stream);
        await serverConnection.Stream.WriteAsync("pong"u8.ToArray(), _cts.Token);
        await serverConnection.CompleteWritesAsync(_cts.Token);

        Assert.Equal("ping", received);
        Assert.Equal("pong", await ReadToEndAsync(clientConnection.Stream));
    }

    [Fact]
    public async Task Wrap_InlineCertificateAndIpDestination_VerifiesAgainstTheIp()
    {
        var (server, client) = await ConnectAsync(TlsConfigs.ServerInline(_certificate), TlsConfigs.ClientTrusting(_certificate), Address.Parse("127.0.0.1"));

        await using var serverConnection = await server;
        await using var clientConnection = await client;
        Assert.IsType<TlsConnection>(clientConnection);
    }

    [Fact]
    public async Task Wrap_IpNotInCertificate_IsRefused()
    {
        using var localhostOnly = TestCertificate.Create(includeLoopbackIp: false, "localhost");
        var (server, client) = await ConnectAsync(TlsConfigs.ServerFromFiles(localhostOnly), TlsConfigs.ClientTrusting(localhostOnly), Address.Parse("127.0.0.1"));

        await Assert.ThrowsAsync<ProxyException>(() => client);
        await DisposeQuietlyAsync(server);
    }

    [Fact]
    public async Task Wrap_ServerNameSet_UsesItInsteadOfTheDestination()
    {
        using var named = TestCertificate.Create(includeLoopbackIp: false, "proxy.example");
        var (server, client) = await ConnectAsync(
            TlsConfigs.ServerFromFiles(named), TlsConfigs.ClientTrusting(named, "\"serverName\": \"proxy.example\","), Address.Parse("127.0.0.1"));

        await using var serverConnection = await server;
        await using var clientConnection = await client;
        Assert.IsType<TlsConnection>(serverConnection);
    }

    [Fact]
    public async Task Wrap_UntrustedCertificate_IsRefused()
    {
        var (server, client) = await ConnectAsync(TlsConfigs.ServerFromFiles(_certificate), TlsConfigs.Client("{}"), Address.Parse("localhost"));

        var error = await Assert.ThrowsAsync<ProxyException>(() => client);
        await DisposeQuietlyAsync(server);
        Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrap_UntrustedCertificateWithAllowInsecure_IsAccepted()
    {
        var (server, client) = await ConnectAsync(TlsConfigs.ServerFromFiles(_certificate), TlsConfigs.Client("""{"allowInsecure": true}"""), Address.Parse("localhost"));

        await using var serverConnection = await server;
        await using var clientConnection = await client;
        Assert.IsType<TlsConnection>(clientConnection);
    }

    [Fact]
    public async Task Wrap_MatchingPin_IsAccepted()
    {
        var pinned = $$"""{"allowInsecure": true, "pinnedPeerCertificateChainSha256": ["{{_certificate.LeafSha256Base64}}"]}""";
        var (server, client) = await ConnectAsync(TlsConfigs.ServerFromFiles(_certificate), TlsConfigs.Client(pinned), Address.Parse("localhost"));

        await using var serverConnection = await server;
        await using var clientConnection = await client;
        Assert.IsType<TlsConnection>(clientConnection);
    }

    [Fact]
    public async Task Wrap_OtherPin_IsRefusedEvenWithAllowInsecure()
    {
        var otherPin = Convert.ToBase64String(SHA256.HashData("another certificate"u8));
        var pinned = $$"""{"allowInsecure": true, "pinnedPeerCertificateChainSha256": ["{{otherPin}}"]}""";
        var (server, client) = await ConnectAsync(TlsConfigs.ServerFromFiles(_certificate), TlsConfigs.Client(pinned), Address.Parse("localhost"));

        await Assert.ThrowsAsync<ProxyException>(() => client);
        await DisposeQuietlyAsync(server);
    }

    [Fact]
    public async Task Wrap_PinWithTrustedChain_IsAccepted()
    {
        var pinned = $$""" "pinnedPeerCertificateChainSha256": "{{_certificate.LeafSha256Base64}}", """;
        var (server, client) = await ConnectAsync(TlsConfigs.ServerFromFiles(_certificate), TlsConfigs.ClientTrusting(_certificate, pinned), Address.Parse("localhost"));

        await using var serverConnection = await server;
        await using var clientConnection = await client;
        Assert.IsType<TlsConnection>(clientConnection);
    }

    [Theory]
    [InlineData("ws", "http/1.1")]
    [InlineData("tcp", "h2")]
    public async Task Wrap_AlpnUnset_OffersPerNetwork(string network, string expected)
    {
        var server = TlsConfigs.ServerFromFiles(_certificate, alpn: "\"alpn\": [\"h2\", \"http/1.1\"],");
        var (serverTask, clientTask) = await ConnectAsync(server, TlsConfigs.ClientTrusting(_certificate, network: network), Address.Parse("localhost"));

        await using var serverConnection = await serverTask;
        await using var clientConnection = await clientTask;
        Assert.Equal(expected, ((TlsConnection)clientConnection).NegotiatedProtocol);
    }

    [Theory]
    [InlineData("a.example")]
    [InlineData("b.example")]
    public async Task Wrap_TwoServedCertificates_PicksTheOneForTheSni(string serverName)
    {
        using var a = TestCertificate.Create(includeLoopbackIp: false, "a.example");
        using var b = TestCertificate.Create(includeLoopbackIp: false, "b.example");
        var server = $$$"""
            {"security": "tls", "tlsSettings": {"certificates": [
              {"certificateFile": "{{{a.CertificateFile}}}", "keyFile": "{{{a.KeyFile}}}"},
              {"certificateFile": "{{{b.CertificateFile}}}", "keyFile": "{{{b.KeyFile}}}"}]}}
            """;
        var expected = serverName == "a.example" ? a : b;
        var client = TlsConfigs.ClientTrusting(expected, $$"""
            "serverName": "{{serverName}}", "disableSystemRoot": true, "pinnedPeerCertificateChainSha256": ["{{expected.LeafSha256Base64}}"],
            """);

        var (serverTask, clientTask) = await ConnectAsync(server, client, Address.Parse("127.0.0.1"));

        await using var serverConnection = await serverTask;
        await using var clientConnection = await clientTask;
        Assert.IsType<TlsConnection>(clientConnection);
    }

    [Fact]
    public async Task WrapServer_ScannerGarbage_FailsWithProxyException()
    {
        var layer = CreateLayer(TlsConfigs.ServerFromFiles(_certificate), isServer: true);
        var garbage = new MemoryStream(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        var connection = new StreamConnection(garbage, _ => ValueTask.CompletedTask, null, null);

        await Assert.ThrowsAsync<ProxyException>(() => layer.WrapServerAsync(connection, _cts.Token).AsTask());
    }

    public void Dispose()
    {
        _cts.Dispose();
        _harness.Dispose();
        _certificate.Dispose();
    }

    // With TLS 1.3 the server may finish before the client rejects its certificate: either outcome is fine.
    private static async Task DisposeQuietlyAsync(Task<IConnection> side)
    {
        try
        {
            await (await side).DisposeAsync();
        }
        catch (Exception ex) when (ex is ProxyException or IOException)
        {
            // The client's alert reached the server first.
        }
    }

    private IConnectionLayer CreateLayer(string json, bool isServer)
    {
        var config = StreamConfig.Parse(json);
        var layer = _harness.Tls.Create(config.Reader, isServer);
        Assert.True(layer is not null, config.Describe());
        return layer;
    }

    private Task<(Task<IConnection> Server, Task<IConnection> Client)> ConnectAsync(string serverJson, string clientJson, Address target) =>
        TlsPair.StartAsync(CreateLayer(serverJson, isServer: true), CreateLayer(clientJson, isServer: false), target, _cts.Token);

    private async Task<string> ReadToEndAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, _cts.Token);
        return Encoding.ASCII.GetString(copy.ToArray());
    }
}
