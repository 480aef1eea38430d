using System.Globalization;
using System.Net;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;
using VMessPlugins.Host.Plugins;
using VMessPlugins.Host.Routing;

namespace VMessPlugins.Host.Configuration;

/// <summary>Turns config entries into handlers through the plugins' factories, collecting every error.</summary>
internal static class ProxyPlanBuilder
{
    private const int MaxPortsPerInbound = 1024;

    public static ProxyPlan Build(ConfigDocument document, PluginIndex index, ConfigDiagnostics diagnostics)
    {
        var outbounds = new Dictionary<string, IOutboundHandler>(StringComparer.Ordinal);
        var tags = new List<string>();
        foreach (var entry in document.Outbounds)
        {
            var tag = entry.GetString("tag") ?? "";
            tags.Add(tag);
            if (BuildOutbound(entry, tag, index) is { } handler)
            {
                outbounds.TryAdd(tag, handler);
            }
        }

        if (document.Outbounds.Count == 0)
        {
            diagnostics.Error(null, "outbounds", "at least one outbound is required (the first one is the default route)");
        }

        var inbounds = document.Inbounds.Select(e => BuildInbound(e, index)).OfType<InboundPlan>().ToList();
        var router = RoutingReader.Read(document.Routing, tags, diagnostics);
        return new ProxyPlan { Inbounds = inbounds, Outbounds = outbounds, Router = router };
    }

    private static IOutboundHandler? BuildOutbound(SettingsReader entry, string tag, PluginIndex index)
    {
        entry.WarnUnknownKeys("tag", "protocol", "settings", "streamSettings", "mux");
        var protocol = entry.GetRequiredString("protocol")?.ToLowerInvariant();
        var (stream, transport) = StreamSettingsReader.Read(entry, index, isServer: false);
        var factory = protocol is null ? null : index.Outbound(protocol);
        if (protocol is not null && factory is null)
        {
            entry.Error("protocol", $"outbound protocol \"{protocol}\": {KnownPlugins.Hint(KnownPlugins.ForOutbound(protocol))}");
        }

        var dialer = transport?.CreateDialer(stream);
        if (factory is null || dialer is null)
        {
            return null;
        }

        return factory.Create(new OutboundDefinition
        {
            Tag = tag,
            Protocol = protocol!,
            Settings = entry.Child("settings"),
            StreamSettings = stream,
            Dialer = dialer,
            Mux = entry.Child("mux"),
            Entry = entry,
        });
    }

    private static InboundPlan? BuildInbound(SettingsReader entry, PluginIndex index)
    {
        entry.WarnUnknownKeys("tag", "listen", "port", "protocol", "settings", "streamSettings", "allocate");
        var protocol = entry.GetRequiredString("protocol")?.ToLowerInvariant();
        var listen = ReadListen(entry);
        var ports = ReadPorts(entry);
        var allocation = ports is null ? null : AllocationReader.Read(entry, ports.Count);
        var (stream, transport) = StreamSettingsReader.Read(entry, index, isServer: true);
        var factory = protocol is null ? null : index.Inbound(protocol);
        if (protocol is not null && factory is null)
        {
            entry.Error("protocol", $"inbound protocol \"{protocol}\": {KnownPlugins.Hint(KnownPlugins.ForInbound(protocol))}");
        }

        if (factory is null || transport is null || listen is null || ports is null || allocation is null)
        {
            return null;
        }

        var definition = new InboundDefinition
        {
            Tag = entry.GetString("tag") ?? "",
            Protocol = protocol!,
            Listen = listen,
            Ports = ports,
            Settings = entry.Child("settings"),
            StreamSettings = stream,
            Entry = entry,
        };
        var handler = factory.Create(definition);

        // One listener is made now so the transport reports its settings' problems; the runner makes the
        // real ones when it binds (for random allocation, new ones at every refresh).
        ITransportListener? CreateListener(ushort port) => transport.CreateListener(new TransportEndpoint(listen, port), stream);
        var probe = CreateListener(ports[0]);
        if (probe is null || handler is null)
        {
            return null;
        }

        DisposeUnstarted(probe);
        var shape = string.Join("|", protocol, listen, string.Join(',', ports), allocation, SectionFingerprint.Of(entry.Child("streamSettings").Section));
        return new InboundPlan(definition, handler, CreateListener, ReadUserLevel(entry), allocation, shape, SectionFingerprint.Of(entry.Section));
    }

    // An unstarted listener holds no socket; its disposal finishes at once or in the background.
    private static void DisposeUnstarted(ITransportListener listener)
    {
        var disposing = listener.DisposeAsync();
        if (!disposing.IsCompleted)
        {
            _ = disposing.AsTask().ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private static IPAddress? ReadListen(SettingsReader entry)
    {
        var text = entry.GetString("listen", "0.0.0.0")!;
        if (IPAddress.TryParse(text, out var address) && (text.Contains(':') || text.Count(c => c == '.') == 3))
        {
            return address;
        }

        entry.Error("listen", $"must be an IP address (such as 127.0.0.1, 0.0.0.0 or ::), not \"{text}\"");
        return null;
    }

    private static List<ushort>? ReadPorts(SettingsReader entry)
    {
        if (!entry.Has("port"))
        {
            entry.Error("port", "is required");
            return null;
        }

        var ranges = PortList.Read(entry, "port");
        if (ranges is null)
        {
            return null;
        }

        var ports = ranges.SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1)).Distinct().Select(p => (ushort)p).ToList();
        if (ports.Count > MaxPortsPerInbound)
        {
            entry.Error("port", $"covers {ports.Count} ports; at most {MaxPortsPerInbound} are allowed");
            return null;
        }

        return ports;
    }

    // The inbound's own plugin validates userLevel; the host only needs it for sessions without a user.
    private static uint ReadUserLevel(SettingsReader entry) =>
        uint.TryParse(entry.Child("settings").Section["userLevel"], NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : 0;
}
