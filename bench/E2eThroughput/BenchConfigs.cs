namespace VMessPlugins.Bench.E2eThroughput;

/// <summary>Our host's configs for the benchmark chain (same JSON shape as v2ray's).</summary>
internal static class BenchConfigs
{
    public static string OurServer(ushort port, string userId) => $$$"""
        {
          "log": {"loglevel": "warning"},
          "inbounds": [{"tag": "vmess-in", "listen": "127.0.0.1", "port": {{{port}}}, "protocol": "vmess",
            "settings": {"clients": [{"id": "{{{userId}}}", "alterId": 0}]}}],
          "outbounds": [{"tag": "direct", "protocol": "freedom", "settings": {}}]
        }
        """;

    public static string OurClient(ushort socksPort, ushort serverPort, string userId) => $$$"""
        {
          "log": {"loglevel": "warning"},
          "inbounds": [{"tag": "socks-in", "listen": "127.0.0.1", "port": {{{socksPort}}}, "protocol": "socks",
            "settings": {"auth": "noauth", "udp": false}}],
          "outbounds": [{"tag": "vmess-out", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": {{{serverPort}}},
            "users": [{"id": "{{{userId}}}", "alterId": 0, "security": "aes-128-gcm"}]}]}}]
        }
        """;
}
