using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>Reads <c>streamSettings.tlsSettings</c> the way V2Ray 4.34 does, reporting every problem.</summary>
internal static class TlsSettingsReader
{
    private const string ExperimentPrefix = "experiment:8357";

    public static TlsSettings? Read(SettingsReader streamSettings, bool isServer)
    {
        var tls = streamSettings.Child("tlsSettings");
        tls.WarnUnknownKeys(
            "serverName", "alpn", "allowInsecure", "certificates", "disableSystemRoot",
            "pinnedPeerCertificateChainSha256", "enableSessionResumption");
        var errorsBefore = tls.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);

        var network = (streamSettings.GetString("network", "tcp") ?? "tcp").ToLowerInvariant();
        var served = new List<ServedCertificate>();
        var trusted = new X509Certificate2Collection();
        foreach (var entry in tls.Children("certificates"))
        {
            CertificateEntryReader.Read(entry, isServer, served, trusted);
        }

        if (isServer && served.Count == 0 && !tls.Has("certificates"))
        {
            tls.Error(null, "a TLS server needs at least one certificate in \"certificates\" (usage \"encipherment\")");
        }
        else if (isServer && served.Count == 0)
        {
            tls.Error("certificates", "no usable certificate with usage \"encipherment\" and a key");
        }

        var serverName = tls.GetString("serverName");
        if (serverName is not null && serverName.StartsWith(ExperimentPrefix, StringComparison.Ordinal))
        {
            serverName = serverName[ExperimentPrefix.Length..];
        }

        var settings = new TlsSettings
        {
            ServerName = string.IsNullOrEmpty(serverName) ? null : serverName,
            Alpn = ReadAlpn(tls, network),
            AllowInsecure = tls.GetBool("allowInsecure", false),
            DisableSystemRoot = tls.GetBool("disableSystemRoot", false),
            ServedCertificates = served,
            TrustedCertificates = trusted,
            PinnedLeafSha256 = ReadPins(tls, isServer),
        };
        tls.GetBool("enableSessionResumption", false);

        var errorsAfter = tls.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
        return errorsAfter > errorsBefore ? null : settings;
    }

    // WebSocket must not be offered h2: a Go server would pick it and then cannot upgrade (TRANSPORTS.md 3.5).
    private static List<SslApplicationProtocol> ReadAlpn(SettingsReader tls, string network)
    {
        var configured = tls.GetStringList("alpn");
        if (configured.Count > 0)
        {
            return configured.Select(p => new SslApplicationProtocol(p)).ToList();
        }

        return network is "ws" or "websocket"
            ? [SslApplicationProtocol.Http11]
            : [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
    }

    private static List<byte[]> ReadPins(SettingsReader tls, bool isServer)
    {
        const string key = "pinnedPeerCertificateChainSha256";
        var pins = new List<byte[]>();
        if (!tls.Has(key))
        {
            return pins;
        }

        if (isServer)
        {
            tls.Warning(key, "only applies to a client and is ignored here");
            return pins;
        }

        foreach (var text in tls.GetStringList(key))
        {
            var hash = new byte[32];
            if (Convert.TryFromBase64String(text, hash, out var written) && written == 32)
            {
                pins.Add(hash);
            }
            else
            {
                tls.Error(key, $"\"{text}\" is not a base64 SHA-256 hash (32 bytes)");
            }
        }

        return pins;
    }
}
