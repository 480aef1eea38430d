using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.Plugins.Transport.Tcp;
using VMessPlugins.Plugins.Transport.Tls;
using VMessPlugins.Plugins.Transport.WebSocket;
using XorTransportPlugin;

namespace VMessPlugins.Tests.Transport.Tests.Support;

/// <summary>Loads the plugins through their public IPlugin entry points, as the host does, and builds transports from JSON.</summary>
internal sealed class TransportHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public TransportHarness(TimeSpan? handshakeTimeout = null)
    {
        var policies = new Mock<IPolicyProvider>();
        policies.Setup(p => p.GetPolicy(It.IsAny<uint>()))
            .Returns(ConnectionPolicy.Default with { Handshake = handshakeTimeout ?? TimeSpan.FromSeconds(10) });
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(policies.Object);
        var context = new PluginContext("test", AppContext.BaseDirectory, new Dictionary<string, bool>());
        foreach (IPlugin plugin in (IPlugin[])[new TcpPlugin(), new TlsPlugin(), new WebSocketPlugin(), new XorPlugin()])
        {
            plugin.ConfigureServices(services, context);
        }

        _services = services.BuildServiceProvider();
    }

    public ListLoggerProvider Logs { get; } = new();

    public ITransportFactory Transport(string network) =>
        _services.GetServices<ITransportFactory>().Single(f => f.Network == network || f.Aliases.Contains(network));

    public IConnectionLayerFactory Tls => _services.GetServices<IConnectionLayerFactory>().Single(f => f.Security == "tls");

    /// <summary>StreamSettings as the host builds them: the layer comes from the "tls" factory when security is tls.</summary>
    public StreamSettings Settings(StreamConfig config, bool isServer)
    {
        var network = config.Reader.GetString("network", "tcp")!.ToLowerInvariant();
        var security = config.Reader.GetString("security", "")!.ToLowerInvariant();
        var layer = security == "tls" ? Tls.Create(config.Reader, isServer) : null;
        Assert.False(config.Diagnostics.HasErrors, config.Describe());
        return new StreamSettings { Network = network, Security = security, Reader = config.Reader, SecurityLayer = layer };
    }

    /// <summary>A started listener on 127.0.0.1 port 0.</summary>
    public ITransportListener Listen(string streamSettingsJson)
    {
        var config = StreamConfig.Parse(streamSettingsJson);
        var settings = Settings(config, isServer: true);
        var listener = Transport(settings.Network).CreateListener(new TransportEndpoint(IPAddress.Loopback, 0), settings);
        Assert.True(listener is not null, config.Describe());
        listener.Start();
        return listener;
    }

    public ITransportDialer Dialer(string streamSettingsJson)
    {
        var config = StreamConfig.Parse(streamSettingsJson);
        var settings = Settings(config, isServer: false);
        var dialer = Transport(settings.Network).CreateDialer(settings);
        Assert.True(dialer is not null, config.Describe());
        return dialer;
    }

    public void Dispose() => _services.Dispose();
}
