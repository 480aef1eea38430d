namespace VMessPlugins.Host.Plugins;

/// <summary>Which of our own plugins provides a name, so an error can say what to enable.</summary>
internal static class KnownPlugins
{
    private static readonly Dictionary<string, string> s_inbound = new(StringComparer.OrdinalIgnoreCase)
    {
        ["vmess"] = "VMess.Inbound", ["socks"] = "Socks", ["http"] = "Http",
    };

    private static readonly Dictionary<string, string> s_outbound = new(StringComparer.OrdinalIgnoreCase)
    {
        ["vmess"] = "VMess.Outbound", ["freedom"] = "Freedom", ["blackhole"] = "Blackhole",
    };

    private static readonly Dictionary<string, string> s_network = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tcp"] = "Transport.Tcp", ["ws"] = "Transport.WebSocket", ["websocket"] = "Transport.WebSocket",
    };

    private static readonly Dictionary<string, string> s_security = new(StringComparer.OrdinalIgnoreCase)
    {
        ["tls"] = "Transport.Tls",
    };

    public static string? ForInbound(string protocol) => s_inbound.GetValueOrDefault(protocol);

    public static string? ForOutbound(string protocol) => s_outbound.GetValueOrDefault(protocol);

    public static string? ForNetwork(string network) => s_network.GetValueOrDefault(network);

    public static string? ForSecurity(string security) => s_security.GetValueOrDefault(security);

    /// <summary>The tail of a "nothing provides X" error.</summary>
    public static string Hint(string? plugin) => plugin is null
        ? "no enabled plugin provides it; add one to the plugins folder and enable it in plugins.json"
        : $"it is provided by plugin \"{plugin}\", which is missing or not enabled; enable \"{plugin}\" in plugins.json";
}
