using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Plugins.Tests.Support;

/// <summary>Our vmess outbound talking to our vmess inbound over in-memory pipes, with an echo upstream.</summary>
internal sealed class VMessHarness : IAsyncDisposable
{
    public const string UserId = "b831381d-6324-4d53-ad4f-8cda48b30811";
    public const string OtherUserId = "27848739-7e62-4138-9fd3-098a63964b6b";

    private readonly List<Task> _serverTasks = [];
    private readonly CancellationTokenSource _stop = new();

    public VMessHarness(TimeSpan? handshake = null, string inboundExtra = "", TimeProvider? serverClock = null)
    {
        Services = BuildServices(handshake ?? TimeSpan.FromSeconds(10), serverClock, Logs);
        var diagnostics = new ConfigDiagnostics();
        var inboundJson = $$$"""
            {"settings": {"clients": [
              {"id": "{{{OtherUserId}}}", "email": "other@test"},
              {"id": "{{{UserId}}}", "email": "alice@test", "level": 0}
            ]{{{inboundExtra}}} }}
            """;
        var factory = Services.GetServices<IInboundFactory>().Single(f => f.Protocol == "vmess");
        Inbound = factory.Create(InboundDefinitionFor(inboundJson, diagnostics))
            ?? throw new InvalidOperationException(string.Join("; ", diagnostics.Items));
    }

    public ServiceProvider Services { get; }

    public IInboundHandler Inbound { get; }

    public EchoDispatcher Dispatcher { get; } = new();

    public IReadOnlyList<Task> ServerTasks
    {
        get
        {
            lock (_serverTasks)
            {
                return _serverTasks.ToArray();
            }
        }
    }

    public ListLoggerFactory Logs { get; } = new();

    public static ServiceProvider BuildServices(TimeSpan handshake, TimeProvider? serverClock = null, ListLoggerFactory? logs = null)
    {
        var services = new ServiceCollection();
        var context = new PluginContext("test", AppContext.BaseDirectory, new Dictionary<string, bool>());
        IPlugin[] plugins =
        [
            new VMessPlugins.Plugins.Auth.Aead.AeadPlugin(),
            new VMessPlugins.Plugins.Cipher.Aes128Gcm.Aes128GcmPlugin(),
            new VMessPlugins.Plugins.Cipher.ChaCha20Poly1305.ChaCha20Poly1305Plugin(),
            new VMessPlugins.Plugins.Cipher.None.NonePlugin(),
            new VMessPlugins.Plugins.Cipher.Zero.ZeroPlugin(),
            new VMessPlugins.Plugins.VMess.Inbound.VMessInboundPlugin(),
            new VMessPlugins.Plugins.VMess.Outbound.VMessOutboundPlugin(),
        ];
        foreach (var plugin in plugins)
        {
            plugin.ConfigureServices(services, context);
        }

        services.AddSingleton<IPolicyProvider>(new TestPolicies(handshake));
        if (serverClock is not null)
        {
            services.AddSingleton(serverClock);
        }

        if (logs is not null)
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(logs);
        }

        return services.BuildServiceProvider();
    }

    public static SettingsReader Settings(string json, ConfigDiagnostics diagnostics, string root = "settings")
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return new SettingsReader(configuration.GetSection(root), "test.json", diagnostics);
    }

    public static InboundDefinition InboundDefinitionFor(string json, ConfigDiagnostics diagnostics) => new()
    {
        Tag = "vmess-in",
        Protocol = "vmess",
        Listen = IPAddress.Loopback,
        Ports = [0],
        Settings = Settings(json, diagnostics),
        StreamSettings = new StreamSettings { Network = "tcp", Security = "none", Reader = Settings("{}", diagnostics, "none") },
        Entry = Settings(json, diagnostics, ""),
    };

    public static OutboundDefinition OutboundDefinitionFor(string json, ConfigDiagnostics diagnostics, ITransportDialer dialer) => new()
    {
        Tag = "vmess-out",
        Protocol = "vmess",
        Settings = Settings(json, diagnostics),
        StreamSettings = new StreamSettings { Network = "tcp", Security = "none", Reader = Settings("{}", diagnostics, "none") },
        Dialer = dialer,
        Mux = Settings("{}", diagnostics, "mux"),
        Entry = Settings(json, diagnostics, ""),
    };

    /// <summary>Creates our outbound for <paramref name="security"/>, dialing straight into this inbound.</summary>
    public IOutboundHandler CreateOutbound(string security, string testsEnabled = "", string id = UserId)
    {
        var diagnostics = new ConfigDiagnostics();
        var json = $$$"""
            {"settings": {"vnext": [{"address": "127.0.0.1", "port": 10086,
              "users": [{"id": "{{{id}}}", "alterId": 0, "security": "{{{security}}}"}]}],
             "testsEnabled": "{{{testsEnabled}}}"}}
            """;
        var factory = Services.GetServices<IOutboundFactory>().Single(f => f.Protocol == "vmess");
        return factory.Create(OutboundDefinitionFor(json, diagnostics, new ServerDialer(this)))
            ?? throw new InvalidOperationException(string.Join("; ", diagnostics.Items));
    }

    /// <summary>Opens a raw connection to the inbound (for probes), serving it in the background.</summary>
    public DuplexPipeConnection OpenRaw()
    {
        var (client, server) = DuplexPipeConnection.CreatePair();
        Serve(server);
        return client;
    }

    public static SessionContext ClientSession() => new() { InboundTag = "socks-in" };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(ServerTasks).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Server-side failures are asserted by the tests that expect them.
        }

        await Services.DisposeAsync();
        _stop.Dispose();
    }

    private void Serve(IConnection server)
    {
        var session = new SessionContext { InboundTag = "vmess-in", Source = server.RemoteEndPoint, Local = server.LocalEndPoint };
        var task = Task.Run(async () =>
        {
            await using (server)
            {
                await Inbound.HandleAsync(server, session, Dispatcher, _stop.Token);
            }
        });
        lock (_serverTasks)
        {
            _serverTasks.Add(task);
        }
    }

    private sealed class ServerDialer(VMessHarness harness) : ITransportDialer
    {
        public ValueTask<IConnection> DialAsync(Destination destination, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IConnection>(harness.OpenRaw());
    }
}
