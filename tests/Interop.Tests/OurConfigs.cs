namespace VMessPlugins.Tests.Interop.Tests;

/// <summary>Configs for our host (the same JSON shape as v2ray's).</summary>
internal static class OurConfigs
{
    public static string SocksToVMess(ushort socksPort, ushort serverPort, string userId, string security) => $$$"""
        {
          "log": {"loglevel": "warning"},
          "inbounds": [{"tag": "socks-in", "listen": "127.0.0.1", "port": {{{socksPort}}}, "protocol": "socks",
            "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}}],
          "outbounds": [{"tag": "vmess-out", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": {{{serverPort}}},
            "users": [{"id": "{{{userId}}}", "alterId": 0, "security": "{{{security}}}"}]}]}}]
        }
        """;

    public static string VMessServer(ushort port, string userId) => $$$"""
        {
          "log": {"loglevel": "warning"},
          "inbounds": [{"tag": "vmess-in", "listen": "127.0.0.1", "port": {{{port}}}, "protocol": "vmess",
            "settings": {"clients": [{"id": "{{{userId}}}", "alterId": 0, "email": "interop@test"}]}}],
          "outbounds": [{"tag": "direct", "protocol": "freedom", "settings": {}}]
        }
        """;
}
