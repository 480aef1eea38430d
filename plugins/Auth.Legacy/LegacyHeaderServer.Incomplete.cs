using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Legacy;

internal sealed partial class LegacyHeaderServer
{
    /// <summary>The bytes after which v2ray 4.34 has the header's fixed part (and the session) of a known auth.</summary>
    private const int BurnsFromLength = LegacyFormat.AuthSize + VMessRequestHeaderCodec.FixedLength;

    /// <summary>
    /// The connection ended inside the header. As in v2ray 4.34, an end after the fixed 38 bytes (while the
    /// address, padding or checksum is still missing) burns the auth hash; an end inside the fixed part does not.
    /// </summary>
    public void OnHeaderIncomplete(ReadOnlySpan<byte> input)
    {
        if (input.Length < BurnsFromLength)
        {
            return;
        }

        // The same lookup ReadRequest made; an entry burnt meanwhile needs no second log line.
        if (table.Find(input[..LegacyFormat.AuthSize]) is { IsTainted: false } entry)
        {
            Burn(entry, "the connection ended inside the request header");
        }
    }
}
