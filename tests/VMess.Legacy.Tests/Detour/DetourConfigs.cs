namespace VMessPlugins.Tests.VMess.Legacy.Tests.Detour;

/// <summary>
/// Server and client configs for detour with a dynamic-port target (the same JSON for v2ray and for us): a vmess
/// inbound "main" with detour.to "dyn", and "dyn" on a port range with random allocation and no clients.
/// </summary>
internal static class DetourConfigs
{
    public const string UserId = "b831381d-6324-4d53-ad4f-8cda48b30811";

    public static string Server(ushort mainPort, int clientAlterId, PortRange dynamicPorts, int defaultAlterId, string logLevel = "debug") => $$$"""
        {
          "log": {"loglevel": "{{{logLevel}}}"},
          "inbounds": [
            {"tag": "main", "listen": "127.0.0.1", "port": {{{mainPort}}}, "protocol": "vmess",
             "settings": {"clients": [{"id": "{{{UserId}}}", "alterId": {{{clientAlterId}}}, "email": "alice@test"}],
                          "detour": {"to": "dyn"} } },
            {"tag": "dyn", "listen": "127.0.0.1", "port": "{{{dynamicPorts}}}", "protocol": "vmess",
             "settings": {"default": {"alterId": {{{defaultAlterId}}}, "level": 0}},
             "allocate": {"strategy": "random", "refresh": 2, "concurrency": 2}}
          ],
          "outbounds": [{"tag": "direct", "protocol": "freedom", "settings": {}}]
        }
        """;

    public static string SocksClient(ushort socksPort, ushort serverPort, int alterId, string logLevel = "debug") => $$$"""
        {
          "log": {"loglevel": "{{{logLevel}}}"},
          "inbounds": [{"tag": "socks-in", "listen": "127.0.0.1", "port": {{{socksPort}}}, "protocol": "socks",
            "settings": {"auth": "noauth", "udp": false, "ip": "127.0.0.1"}}],
          "outbounds": [{"tag": "vmess-out", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": {{{serverPort}}},
            "users": [{"id": "{{{UserId}}}", "alterId": {{{alterId}}}, "security": "aes-128-gcm"}]}]}}]
        }
        """;
}
