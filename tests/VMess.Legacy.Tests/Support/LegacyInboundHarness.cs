using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.TestKit;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>
/// A vmess inbound with the AEAD and legacy header plugins, served over in-memory pipes on a fake clock (which
/// starts at the real time, so AEAD headers from the system clock fit its window) with an echo dispatcher.
/// Users: alice and bob, alterId 4.
/// </summary>
internal sealed class LegacyInboundHarness : IAsyncDisposable
{
    public static readonly TimeSpan Handshake = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services;
    private readonly IInboundHandler _inbound;
    private readonly ServerTasks _serverTasks = new();

    public LegacyInboundHarness(bool taintFuse)
    {
        var services = new ServiceCollection();
        var context = new PluginContext("test", AppContext.BaseDirectory, new Dictionary<string, bool>());
        IPlugin[] plugins =
        [
            new VMessPlugins.Plugins.Auth.Aead.AeadPlugin(),
            new VMessPlugins.Plugins.Auth.Legacy.LegacyPlugin(),
            new VMessPlugins.Plugins.Cipher.None.NonePlugin(),
            new VMessPlugins.Plugins.VMess.Inbound.VMessInboundPlugin(),
        ];
        foreach (var plugin in plugins)
        {
            plugin.ConfigureServices(services, context);
        }

        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ILoggerFactory>(Logs);
        services.AddSingleton<IPolicyProvider>(new FixedPolicy(ConnectionPolicy.Default with { Handshake = Handshake }));
        _services = services.BuildServiceProvider();
        var json = $$$"""
            {"settings": {"clients": [
              {"id": "{{{LegacyKit.UserId}}}", "alterId": 4, "email": "alice@test"},
              {"id": "{{{LegacyKit.OtherUserId}}}", "alterId": 4, "email": "bob@test"}
            ], "taintFuse": {{{(taintFuse ? "true" : "false")}}} }}
            """;
        var diagnostics = new ConfigDiagnostics();
        var definition = new InboundDefinition
        {
            Tag = "vmess-in",
            Protocol = "vmess",
            Listen = IPAddress.Loopback,
            Ports = [10086],
            Settings = TestSettings.Read(json, diagnostics),
            StreamSettings = new StreamSettings { Network = "tcp", Security = "none", Reader = TestSettings.Read("{}", diagnostics, "none") },
            Entry = TestSettings.Read(json, diagnostics, ""),
        };
        _inbound = _services.GetServices<IInboundFactory>().Single(f => f.Protocol == "vmess").Create(definition)
            ?? throw new InvalidOperationException(string.Join("; ", diagnostics.Items));
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public LogLines Logs { get; } = new();

    public EchoDispatcher Dispatcher { get; } = new();

    /// <summary>Opens a connection to the inbound; the server end is watched for the test's readiness checks.</summary>
    public (DuplexPipeConnection Client, ReadWatchConnection Server) Open()
    {
        var (client, server) = DuplexPipeConnection.CreatePair();
        var watched = new ReadWatchConnection(server);
        var session = new SessionContext { InboundTag = "vmess-in", Source = server.RemoteEndPoint, Local = server.LocalEndPoint };
        _serverTasks.Serve(watched, (connection, stopping) => _inbound.HandleAsync(connection, session, Dispatcher, stopping).AsTask());
        return (client, watched);
    }

    /// <summary>Sends <paramref name="bytes"/>, ends writes and reads the whole answer.</summary>
    public async Task<byte[]> SendAndReadToEndAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var (client, _) = Open();
        await using (client)
        {
            await client.Stream.WriteAsync(bytes, cancellationToken);
            await client.CompleteWritesAsync(cancellationToken);
            return await Streams.ReadToEndAsync(client.Stream, cancellationToken);
        }
    }

    /// <summary>True when a header and "hello" (raw body, security none) come back as a response header and the echo.</summary>
    public async Task<bool> ServedAsync(byte[] header, int responseHeaderLength, CancellationToken cancellationToken)
    {
        var answer = await SendAndReadToEndAsync([.. header, .. "hello"u8], cancellationToken);
        return answer.Length == responseHeaderLength + 5 && answer.AsSpan(responseHeaderLength).SequenceEqual("hello"u8);
    }

    public async ValueTask DisposeAsync()
    {
        await _serverTasks.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class FixedPolicy(ConnectionPolicy policy) : IPolicyProvider
    {
        public ConnectionPolicy GetPolicy(uint level) => policy;
    }
}
