using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.VMess.Inbound;
using VMessPlugins.Plugins.VMess.Outbound;
using VMessPlugins.TestKit;
using VMessPlugins.Tests.VMess.Legacy.Tests.Support;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>
/// Our vmess inbounds and outbound in one process over in-memory pipes: the outbound's dialer hands each
/// connection to whichever inbound (or fake server) owns the dialed port. The inbounds' directory is a Moq fake.
/// </summary>
internal sealed class DetourHarness : IAsyncDisposable
{
    public const ushort MainPort = 10086;
    public const string AliceId = "b831381d-6324-4d53-ad4f-8cda48b30811";

    private readonly Dictionary<ushort, Func<IConnection, CancellationToken, Task>> _servers = [];
    private readonly ServerTasks _serverTasks = new();

    public DetourHarness(params string[] disabledPlugins)
    {
        var services = new ServiceCollection();
        var context = new PluginContext("test", AppContext.BaseDirectory, new Dictionary<string, bool>());
        IPlugin[] plugins =
        [
            new VMessPlugins.Plugins.Auth.Aead.AeadPlugin(),
            new VMessPlugins.Plugins.Auth.Legacy.LegacyPlugin(),
            new VMessPlugins.Plugins.Cipher.Aes128Gcm.Aes128GcmPlugin(),
            new VMessPlugins.Plugins.Cipher.Aes128Cfb.Aes128CfbPlugin(),
            new VMessInboundPlugin(),
            new VMessOutboundPlugin(),
        ];
        foreach (var plugin in plugins.Where(p => !disabledPlugins.Contains(p.Name)))
        {
            plugin.ConfigureServices(services, context);
        }

        services.AddSingleton(Directory.Object);
        services.AddSingleton<ILoggerFactory>(Logs);
        Services = services.BuildServiceProvider();
    }

    public Mock<IInboundDirectory> Directory { get; } = new();

    /// <summary>The outbound's clock (switched entries expire by it); the inbounds keep the real one for their time windows.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public LogLines Logs { get; } = new();

    public ServiceProvider Services { get; }

    public EchoDispatcher Dispatcher { get; } = new();

    /// <summary>Every endpoint the outbound dialed, in order.</summary>
    public List<Destination> Dialed { get; } = [];

    /// <summary>Creates a vmess inbound from <paramref name="settingsJson"/> and serves <paramref name="port"/> with it.</summary>
    public VMessInboundHandler AddInbound(string tag, ushort port, string settingsJson)
    {
        var diagnostics = new ConfigDiagnostics();
        var json = $$$"""{"settings": {{{settingsJson}}} }""";
        var definition = new InboundDefinition
        {
            Tag = tag,
            Protocol = "vmess",
            Listen = IPAddress.Loopback,
            Ports = [port],
            Settings = TestSettings.Read(json, diagnostics),
            StreamSettings = new StreamSettings { Network = "tcp", Security = "none", Reader = TestSettings.Read("{}", diagnostics, "none") },
            Entry = TestSettings.Read(json, diagnostics, ""),
        };
        var factory = Services.GetServices<IInboundFactory>().Single(f => f.Protocol == "vmess");
        var handler = factory.Create(definition) ?? throw new InvalidOperationException(string.Join("; ", diagnostics.Items));
        _servers[port] = (connection, stopping) => handler.HandleAsync(
            connection, new SessionContext { InboundTag = tag, Source = connection.RemoteEndPoint, Local = connection.LocalEndPoint }, Dispatcher, stopping).AsTask();
        return (VMessInboundHandler)handler;
    }

    /// <summary>Serves <paramref name="port"/> with a hand-written server.</summary>
    public void AddServer(ushort port, Func<IConnection, Task> serve) => _servers[port] = (connection, _) => serve(connection);

    /// <summary>The directory answers <paramref name="tag"/> with this handler, port and validity.</summary>
    public void SetTarget(string tag, IInboundHandler handler, ushort port, TimeSpan validFor)
    {
        var target = new DetourTarget(handler, port, validFor);
        Directory.Setup(d => d.TryGetDetourTarget(tag, out target)).Returns(true);
    }

    /// <summary>Creates the vmess outbound (one vnext server on 127.0.0.1:<see cref="MainPort"/>).</summary>
    public VMessOutboundHandler CreateOutbound(string security = "aes-128-gcm", int alterId = 0, string testsEnabled = "", bool mux = false)
    {
        var diagnostics = new ConfigDiagnostics();
        var json = $$$"""
            {"settings": {"vnext": [{"address": "127.0.0.1", "port": {{{MainPort}}},
              "users": [{"id": "{{{AliceId}}}", "alterId": {{{alterId}}}, "security": "{{{security}}}"}]}],
             "testsEnabled": "{{{testsEnabled}}}"},
             "mux": {"enabled": {{{(mux ? "true" : "false")}}}}}
            """;
        var definition = new OutboundDefinition
        {
            Tag = "vmess-out",
            Protocol = "vmess",
            Settings = TestSettings.Read(json, diagnostics),
            StreamSettings = new StreamSettings { Network = "tcp", Security = "none", Reader = TestSettings.Read("{}", diagnostics, "none") },
            Dialer = new PortDialer(this),
            Mux = TestSettings.Read(json, diagnostics, "mux"),
            Entry = TestSettings.Read(json, diagnostics, ""),
        };
        var factory = new VMessOutboundFactory(
            Services.GetServices<IVMessCipherSuite>(), Services.GetServices<IVMessHeaderAuthenticator>(), Logs, Clock);
        return (VMessOutboundHandler)(factory.Create(definition) ?? throw new InvalidOperationException(string.Join("; ", diagnostics.Items)));
    }

    public async ValueTask DisposeAsync()
    {
        await _serverTasks.DisposeAsync();
        await Services.DisposeAsync();
    }

    private sealed class PortDialer(DetourHarness harness) : ITransportDialer
    {
        public ValueTask<IConnection> DialAsync(Destination destination, CancellationToken cancellationToken)
        {
            lock (harness.Dialed)
            {
                harness.Dialed.Add(destination);
            }

            if (!harness._servers.TryGetValue(destination.Port, out var serve))
            {
                throw new ProxyException($"connection refused by {destination}");
            }

            return ValueTask.FromResult<IConnection>(harness._serverTasks.Open(serve));
        }
    }
}
