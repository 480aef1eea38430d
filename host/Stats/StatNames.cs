namespace VMessPlugins.Host.Stats;

/// <summary>V2Ray's stat names, so dashboards built for V2Ray read these unchanged.</summary>
internal static class StatNames
{
    public static string UserTraffic(string email, bool uplink) => $"user>>>{email}>>>traffic>>>{Direction(uplink)}";

    public static string InboundTraffic(string tag, bool uplink) => $"inbound>>>{tag}>>>traffic>>>{Direction(uplink)}";

    public static string OutboundTraffic(string tag, bool uplink) => $"outbound>>>{tag}>>>traffic>>>{Direction(uplink)}";

    /// <summary>Not a V2Ray name (V2Ray has no such gauge); same shape.</summary>
    public static string UserConnections(string email) => $"user>>>{email}>>>connections>>>open";

    private static string Direction(bool uplink) => uplink ? "uplink" : "downlink";
}
