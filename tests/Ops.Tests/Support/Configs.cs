namespace VMessPlugins.Tests.Ops.Tests.Support;

/// <summary>Config texts used by several tests.</summary>
internal static class Configs
{
    public const string WsTls = $$"""
        {
          // a freedom outbound first: export must skip it
          "outbounds": [
            { "tag": "direct", "protocol": "freedom", "settings": {} },
            {
              "tag": "sg-ws-tls",
              "protocol": "vmess",
              "settings": { "vnext": [ { "address": "proxy.example.com", "port": 443,
                "users": [ { "id": "{{Links.Id}}", "alterId": 0, "security": "chacha20-poly1305" } ] } ] },
              "streamSettings": {
                "network": "ws", "security": "tls",
                "wsSettings": { "path": "/ray", "headers": { "Host": "cdn.example.com" } },
                "tlsSettings": { "serverName": "sni.example.com" }
              }
            },
            {
              "tag": "plain",
              "protocol": "vmess",
              "settings": { "vnext": [ { "address": "10.0.0.2", "port": "10086",
                "users": [ { "id": "{{Links.Id}}", "alterId": 4 } ] } ] }
            }
          ]
        }
        """;
}
