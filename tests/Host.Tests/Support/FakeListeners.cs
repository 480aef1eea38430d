using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
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

    public InboundPlan Plan(IReadOnlyList<ushort> ports, AllocationSettings allocation, string tag = "in", IInboundHandler? handler = null) =>
        Plan(ports, allocation, tag, "{}", _ => handler ?? Mock.Of<IInboundHandler>());

    /// <summary>A plan whose entry has <paramref name="settingsJson"/> as "settings"; the handler is made from the definition.</summary>
    public InboundPlan Plan(IReadOnlyList<ushort> ports, AllocationSettings allocation, string tag, string settingsJson, Func<InboundDefinition, IInboundHandler> handler, string protocol = "fake")
    {
        var diagnostics = new ConfigDiagnostics();
        var json = $$"""{ "inbounds": [ { "tag": "{{tag}}", "protocol": "{{protocol}}", "port": "{{string.Join(',', ports)}}", "settings": {{settingsJson}} } ] }""";
        var root = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var entry = new SettingsReader(root.GetSection("inbounds:0"), "test.json", diagnostics);
        var definition = new InboundDefinition
        {
            Tag = tag,
            Protocol = protocol,
            Listen = IPAddress.Loopback,
            Ports = ports,
            Settings = entry.Child("settings"),
            StreamSettings = new StreamSettings { Network = "tcp", Security = "", Reader = entry.Child("streamSettings") },
            Entry = entry,
        };
        var shape = $"{protocol}|{string.Join(',', ports)}|{allocation}";
        return new InboundPlan(definition, handler(definition), Create, 0, allocation, shape, SectionFingerprint.Of(entry.Section));
    }

    private FakeListener Create(ushort port)
    {
        var listener = new FakeListener(port, Taken.Contains(port));
        _made.Add(listener);
        return listener;
    }
}
