namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>Config files in V2Ray's shape, which both v2ray 4.34 and our host read; all on 127.0.0.1.</summary>
internal static class ProxyConfigs
{
    public const string UserId = "5f0b2e54-8d1c-4a3e-9b7f-2c6d1e0a9b33";

    /// <summary>socks (no auth) → vmess outbound over <paramref name="streamSettings"/> to 127.0.0.1:<paramref name="serverPort"/>.</summary>
    public static string SocksToVMess(ushort socksPort, ushort serverPort, string streamSettings) => $$$"""
        {
          "log": {"loglevel": "info"},
          "inbounds": [{"tag": "socks-in", "listen": "127.0.0.1", "port": {{{socksPort}}}, "protocol": "socks",
            "settings": {"auth": "noauth", "udp": false}}],
          "outbounds": [{"tag": "vmess-out", "protocol": "vmess",
            "settings": {"vnext": [{"address": "127.0.0.1", "port": {{{serverPort}}},
              "users": [{"id": "{{{UserId}}}", "alterId": 0, "security": "aes-128-gcm"}]}]},
            "streamSettings": {{{streamSettings}}}}]
        }
        """;

    /// <summary>vmess inbound over <paramref name="streamSettings"/> → freedom.</summary>
    public static string VMessToFreedom(ushort port, string streamSettings) => $$$"""
        {
          "log": {"loglevel": "info"},
          "inbounds": [{"tag": "vmess-in", "listen": "127.0.0.1", "port": {{{port}}}, "protocol": "vmess",
            "settings": {"clients": [{"id": "{{{UserId}}}", "alterId": 0, "email": "transport@test"}]},
            "streamSettings": {{{streamSettings}}}}],
          "outbounds": [{"tag": "direct", "protocol": "freedom", "settings": {}}]
        }
        """;
}
