namespace VMessPlugins.Host.Links;

/// <summary>Help texts of the <c>link</c> command.</summary>
internal static class LinkUsage
{
    public const string General = """
        Usage: vmessplugins link export [-c FILE]... [--outbound TAG] [--qr]
               vmessplugins link import 'vmess://...'

        Converts between a vmess outbound and a vmess:// share link (the JSON form v2rayN reads).
        Run "vmessplugins link export --help" or "vmessplugins link import --help" for details.
        """;

    public const string Export = """
        Usage: vmessplugins link export [-c FILE]... [--outbound TAG] [--qr]

        Prints a vmess:// link for a vmess outbound of the config: the one tagged TAG, else the first
        vmess outbound. The link carries the first server and its first user; its name is the tag.
        Only tcp and ws, with or without tls, can be put in a link.

        Options:
          -c, --config FILE    config file (repeatable); default: config.json beside the executable
          --outbound TAG       the outbound to export
          --qr                 also print the link as a QR code (error correction L)
        """;

    public const string Import = """
        Usage: vmessplugins link import 'vmess://...'

        Prints the outbound (an entry for "outbounds" in config.json) that connects where the link
        points. Accepts standard or URL-safe base64, with or without padding, and numbers or strings
        for port, aid and v. A broken link is refused with one line per bad field.
        """;
}
