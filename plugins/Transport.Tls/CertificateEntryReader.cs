using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>Reads one element of <c>tlsSettings.certificates</c>: PEM from a file or from an array of lines.</summary>
internal static class CertificateEntryReader
{
    public static void Read(SettingsReader entry, bool isServer, List<ServedCertificate> served, X509Certificate2Collection trusted)
    {
        entry.WarnUnknownKeys("certificateFile", "certificate", "keyFile", "key", "usage", "ocspStapling", "OneTimeLoading");
        var usage = (entry.GetString("usage", "encipherment") ?? "encipherment").ToLowerInvariant();
        if (usage == "issue")
        {
            entry.Warning("usage", "\"issue\" (minting certificates per SNI) is not supported; the certificate is only trusted");
        }

        var certificatePem = ReadPem(entry, "certificateFile", "certificate");
        if (certificatePem is null)
        {
            if (!entry.Has("certificateFile") && !entry.Has("certificate"))
            {
                entry.Error(null, "needs \"certificateFile\" or \"certificate\"");
            }

            return;
        }

        var serves = isServer && usage is not ("verify" or "issue");
        var keyPem = serves || entry.Has("keyFile") || entry.Has("key") ? ReadPem(entry, "keyFile", "key") : null;
        if (serves && keyPem is null)
        {
            if (!entry.Has("keyFile") && !entry.Has("key"))
            {
                entry.Error(null, "a served certificate (usage \"encipherment\") needs \"keyFile\" or \"key\"");
            }

            return;
        }

        var where = entry.Has("certificateFile") ? $"{entry.PathOf("certificateFile")} ({entry.GetString("certificateFile")})" : entry.PathOf("certificate");
        try
        {
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(certificatePem);
            if (chain.Count == 0)
            {
                entry.Error(entry.Has("certificateFile") ? "certificateFile" : "certificate", "holds no PEM certificate");
                return;
            }

            trusted.AddRange(chain);
            if (serves)
            {
                served.Add(PemCertificates.CreateServed(certificatePem, keyPem!, chain));
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            entry.Error(entry.Has("certificateFile") ? "certificateFile" : "certificate", $"certificate or key is not valid PEM or they do not match ({where}): {ex.Message}");
        }
    }

    /// <summary>The PEM text from <paramref name="fileKey"/> (wins) or the lines in <paramref name="inlineKey"/>.</summary>
    private static string? ReadPem(SettingsReader entry, string fileKey, string inlineKey)
    {
        var file = entry.GetString(fileKey);
        if (!string.IsNullOrEmpty(file))
        {
            try
            {
                return File.ReadAllText(Path.GetFullPath(file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                entry.Error(fileKey, $"cannot read file \"{file}\": {ex.Message}");
                return null;
            }
        }

        var inline = entry.Section.GetSection(inlineKey);
        if (inline.Value is not null)
        {
            entry.Error(inlineKey, "must be an array of PEM lines, not a string (as in V2Ray)");
            return null;
        }

        var lines = entry.GetStringList(inlineKey);
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }
}
