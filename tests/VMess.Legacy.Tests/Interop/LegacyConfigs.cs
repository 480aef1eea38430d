namespace VMessPlugins.Tests.VMess.Legacy.Tests.Interop;

/// <summary>v2ray-shaped configs (ours and v2ray's take the same JSON) with legacy users (alterId 4).</summary>
internal static class LegacyConfigs
{
    public const int AlterId = 4;

    /// <summary>vmess inbound (users with alterId 4) → freedom; <paramref name="extraSettings"/> goes into the inbound settings.</summary>
    public static string VMessServer(ushort port, string userId, string otherUserId, string extraSettings = "", string logLevel = "warning") => $$$"""
        {
          "log": {"loglevel": "{{{logLevel}}}"},
          "inbounds": [{"tag": "vmess-in", "listen": "127.0.0.1", "port": {{{port}}}, "protocol": "vmess",
            "settings": {"clients": [
              {"id": "{{{userId}}}", "alterId": {{{AlterId}}}, "email": "legacy@test"},
              {"id": "{{{otherUserId}}}", "alterId": {{{AlterId}}}, "email": "other@test"}
            ]{{{extraSettings}}}}}],
          "outbounds": [{"tag": "direct", "protocol": "freedom", "settings": {}}]
        }
        """;

    /// <summary>socks (no auth) → vmess outbound with one user.</summary>
    public static string SocksToVMess(ushort socksPort, ushort serverPort, string userId, string security, int alterId = AlterId, bool udp = false) => $$$"""
        {
          "log": {"loglevel": "warning"},
          "inbounds": [{"tag": "socks-in", "listen": "127.0.0.1", "port": {{{socksPort}}}, "protocol": "socks",
            "settings": {"auth": "noauth", "udp": {{{(udp ? "true" : "false")}}}, "ip": "127.0.0.1"}}],
          "outbounds": [{"tag": "vmess-out", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": {{{serverPort}}},
            "users": [{"id": "{{{userId}}}", "alterId": {{{alterId}}}, "security": "{{{security}}}"}]}]}}]
        }
        """;
}
