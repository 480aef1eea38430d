namespace VMessPlugins.TestKit.V2Ray;

/// <summary>Small v2ray 4.34 JSON configs for interop tests and benchmarks (all listeners on 127.0.0.1).</summary>
public static class V2RayConfigs
{
    /// <summary>vmess inbound (one user, alterId 0) → freedom.</summary>
    public static string VMessServer(ushort port, string userId) => $$$"""
        {
          "log": {"loglevel": "warning"},
          "inbounds": [{"listen": "127.0.0.1", "port": {{{port}}}, "protocol": "vmess",
            "settings": {"clients": [{"id": "{{{userId}}}", "alterId": 0, "email": "interop@test"}]}}],
          "outbounds": [{"protocol": "freedom", "settings": {}}]
        }
        """;

    /// <summary>socks inbound (no auth) → vmess outbound (alterId 0) to 127.0.0.1:<paramref name="serverPort"/>.</summary>
    public static string SocksToVMess(ushort socksPort, ushort serverPort, string userId, string security) => $$$"""
        {
          "log": {"loglevel": "warning"},
          "inbounds": [{"listen": "127.0.0.1", "port": {{{socksPort}}}, "protocol": "socks",
            "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}}],
          "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": {{{serverPort}}},
            "users": [{"id": "{{{userId}}}", "alterId": 0, "security": "{{{security}}}"}]}]}}]
        }
        """;
}
