namespace VMessPlugins.Host.Links;

/// <summary>The values a link may hold that this host can turn into a working outbound.</summary>
internal static class VMessLinkNames
{
    public const string Scheme = "vmess://";

    public static readonly string[] Securities = ["auto", "aes-128-gcm", "chacha20-poly1305", "none", "zero"];

    public static readonly string[] Networks = ["tcp", "ws"];

    public static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));
}
