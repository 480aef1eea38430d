namespace VMessPlugins.Tests.VMess.Mux.Tests.Interop;

/// <summary>
/// Configs for both programs (the same JSON shape): a SOCKS inbound (UDP on) to a vmess outbound, optionally
/// with <c>mux</c>, and a vmess inbound to freedom. Every listener is on 127.0.0.1.
/// </summary>
internal static class InteropConfigs
{
    public const string UserId = "b831381d-6324-4d53-ad4f-8cda48b30811";

    /// <param name="logLevel">"info" makes v2ray log its mux dispatches, which the tests look for.</param>
    public static string SocksToVMess(ushort socksPort, ushort serverPort, string security, int? muxConcurrency, string logLevel = "warning")
    {
        var mux = muxConcurrency is { } concurrency ? $$""", "mux": {"enabled": true, "concurrency": {{concurrency}}}""" : "";
        return $$$"""
            {
              "log": {"loglevel": "{{{logLevel}}}"},
              "inbounds": [{"tag": "socks-in", "listen": "127.0.0.1", "port": {{{socksPort}}}, "protocol": "socks",
                "settings": {"auth": "noauth", "udp": true, "ip": "127.0.0.1"}}],
              "outbounds": [{"tag": "vmess-out", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": {{{serverPort}}},
                "users": [{"id": "{{{UserId}}}", "alterId": 0, "security": "{{{security}}}"}]}]}{{{mux}}}}]
            }
            """;
    }

    public static string VMessToFreedom(ushort port, string logLevel = "warning") => $$$"""
        {
          "log": {"loglevel": "{{{logLevel}}}"},
          "inbounds": [{"tag": "vmess-in", "listen": "127.0.0.1", "port": {{{port}}}, "protocol": "vmess",
            "settings": {"clients": [{"id": "{{{UserId}}}", "alterId": 0, "email": "mux@test"}]}}],
          "outbounds": [{"tag": "direct", "protocol": "freedom", "settings": {}}]
        }
        """;
}
