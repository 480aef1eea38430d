using System.Collections.Concurrent;
using System.Net;
using Moq;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Tests.Host.Tests.Support;

/// <summary>Makes <see cref="FakeListener"/>s for an inbound plan and remembers every one made.</summary>
internal sealed class FakeListeners
{
    private readonly ConcurrentBag<FakeListener> _made = [];

    /// <summary>Ports whose listeners fail to start, as if another process held them.</summary>
    public HashSet<ushort> Taken { get; } = [];

    public IReadOnlyList<FakeListener> Made => [.. _made];

    /// <summary>The listeners started and not yet disposed, by port.</summary>
    public IReadOnlyList<ushort> Open => [.. _made.Where(l => l.Started && !l.Disposed).Select(l => l.Port).Order()];

    public FakeListener? Find(ushort port) => _made.FirstOrDefault(l => l.Port == port && l.Started && !l.Disposed);

    public InboundPlan Plan(IReadOnlyList<ushort> ports, AllocationSettings allocation, string tag = "in", IInboundHandler? handler = null)
    {
        var diagnostics = new ConfigDiagnostics();
        var entry = new SettingsReader(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build().GetSection("inbounds:0"), "test.json", diagnostics);
        var definition = new InboundDefinition
        {
            Tag = tag,
            Protocol = "fake",
            Listen = IPAddress.Loopback,
            Ports = ports,
            Settings = entry.Child("settings"),
            StreamSettings = new StreamSettings { Network = "tcp", Security = "", Reader = entry.Child("streamSettings") },
            Entry = entry,
        };
        return new InboundPlan(definition, handler ?? Mock.Of<IInboundHandler>(), Create, 0, allocation, "shape", "fingerprint");
    }

    private FakeListener Create(ushort port)
    {
        var listener = new FakeListener(port, Taken.Contains(port));
        _made.Add(listener);
        return listener;
    }
}
