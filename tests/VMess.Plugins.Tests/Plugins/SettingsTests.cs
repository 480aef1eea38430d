using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Tests.VMess.Plugins.Tests.Support;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Plugins;

public sealed class SettingsTests
{
    [Fact]
    public void InboundCreate_BadClientId_ErrorNamesJsonPath()
    {
        using var services = VMessHarness.BuildServices(TimeSpan.FromSeconds(1));
        var factory = services.GetServices<IInboundFactory>().Single(f => f.Protocol == "vmess");
        var diagnostics = new ConfigDiagnostics();
        var json = """{"settings": {"clients": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811"}, {"id": "1234"}], "detour": {"to": "x"}}}""";

        var handler = factory.Create(VMessHarness.InboundDefinitionFor(json, diagnostics));

        Assert.Null(handler);
        Assert.Contains(diagnostics.Items, d => d.Severity == ConfigSeverity.Error && d.JsonPath == "settings.clients[1].id");
        Assert.DoesNotContain(diagnostics.Items, d => d.JsonPath.StartsWith("settings.detour", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData("something-else")]
    public async Task OutboundSecurity_AutoOrUnknown_ResolvesByArchitecture(string security)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness();
        var dialer = new CapturingDialer();
        var outbound = CreateOutbound(harness.Services, security, dialer, new ConfigDiagnostics())!;
        await using var connection = await outbound.ConnectAsync(Destination.Tcp(Address.Parse("10.0.0.1"), 80), VMessHarness.ClientSession(), timeout.Token);
        await connection.Stream.WriteAsync(new byte[10], timeout.Token);

        var wire = new byte[4096];
        var read = await dialer.ServerEnd!.Stream.ReadAsync(wire, timeout.Token);
        var server = HeaderServer(harness.Services);
        var request = new VMessRequest();
        var result = server.ReadRequest(wire.AsSpan(0, read), request);

        Assert.Equal(VMessHeaderStatus.Accepted, result.Status);
        var aesFast = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture is
            System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.Arm64 or System.Runtime.InteropServices.Architecture.S390x;
        Assert.Equal(aesFast ? 3 : 4, request.Security);
        Assert.Equal((VMessRequestOptions)0x0d, request.Options);
    }

    [Fact]
    public void OutboundSecurity_KnownNameWithoutPlugin_ErrorNamesPlugin()
    {
        var services = new ServiceCollection();
        new VMessPlugins.Plugins.Auth.Aead.AeadPlugin().ConfigureServices(services, new("t", ".", new Dictionary<string, bool>()));
        new VMessPlugins.Plugins.VMess.Outbound.VMessOutboundPlugin().ConfigureServices(services, new("t", ".", new Dictionary<string, bool>()));
        using var provider = services.BuildServiceProvider();
        var diagnostics = new ConfigDiagnostics();

        var outbound = CreateOutbound(provider, "chacha20-poly1305", new CapturingDialer(), diagnostics);

        Assert.Null(outbound);
        var error = Assert.Single(diagnostics.Items, d => d.Severity == ConfigSeverity.Error);
        Assert.Equal("settings.vnext[0].users[0].security", error.JsonPath);
        Assert.Contains("Cipher.ChaCha20Poly1305", error.Message);
    }

    [Fact]
    public async Task Inbound_DisableInsecureEncryption_RefusesNoneWithoutDispatching()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var harness = new VMessHarness(inboundExtra: ", \"disableInsecureEncryption\": true");
        var outbound = harness.CreateOutbound("none");
        await using var connection = await outbound.ConnectAsync(Destination.Tcp(Address.Parse("10.0.0.1"), 80), VMessHarness.ClientSession(), timeout.Token);
        await connection.Stream.WriteAsync(new byte[10], timeout.Token);

        var error = await Assert.ThrowsAsync<ProxyException>(() => harness.ServerTasks[^1]);
        Assert.Contains("disableInsecureEncryption", error.Message);
        Assert.Contains("alice@test", error.Message);
        Assert.Empty(harness.Dispatcher.Destinations);
    }

    private static IOutboundHandler? CreateOutbound(IServiceProvider services, string security, CapturingDialer dialer, ConfigDiagnostics diagnostics)
    {
        var factory = services.GetServices<IOutboundFactory>().Single(f => f.Protocol == "vmess");
        var json = $$$"""
            {"settings": {"vnext": [{"address": "127.0.0.1", "port": 1,
              "users": [{"id": "{{{VMessHarness.UserId}}}", "security": "{{{security}}}"}]}]}}
            """;
        return factory.Create(VMessHarness.OutboundDefinitionFor(json, diagnostics, dialer));
    }

    private static IVMessHeaderServer HeaderServer(IServiceProvider services)
    {
        var authenticator = services.GetServices<IVMessHeaderAuthenticator>().Single(a => a.Name == "aead");
        var server = authenticator.CreateServer(new VMessHeaderServerOptions { Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance });
        Span<byte> id = stackalloc byte[16];
        Assert.True(Guid.Parse(VMessHarness.UserId).TryWriteBytes(id, bigEndian: true, out _));
        server.AddUser(new VMessUser(id, "alice@test", 0, 0));
        return server;
    }
}
