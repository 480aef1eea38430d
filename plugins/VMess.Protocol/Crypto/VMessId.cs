using System.Security.Cryptography;
using System.Text;

namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>VMess user ids: UUID text ⇄ 16 bytes in textual order (PROTOCOL.md §2), and the cmdKey.</summary>
public static class VMessId
{
    /// <summary>The id size in bytes.</summary>
    public const int Size = 16;

    private static readonly byte[] CmdKeySuffix = Encoding.ASCII.GetBytes("c48619fe-8f02-49e0-b9e9-edf763e17e21");

    /// <summary>
    /// Parses a UUID written as 32 hex digits, either plain or grouped 8-4-4-4-12 with dashes.
    /// Anything else (braces, spaces, other lengths, misplaced dashes) is refused.
    /// </summary>
    public static bool TryParse(string? text, out byte[] id)
    {
        id = [];
        if (text is null || (text.Length != 32 && text.Length != 36))
        {
            return false;
        }

        var grouped = text.Length == 36;
        Span<byte> bytes = stackalloc byte[Size];
        var position = 0;
        for (var i = 0; i < Size; i++)
        {
            if (grouped && i is 4 or 6 or 8 or 10)
            {
                if (text[position] != '-')
                {
                    return false;
                }

                position++;
            }

            var high = HexValue(text[position]);
            var low = HexValue(text[position + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            bytes[i] = (byte)((high << 4) | low);
            position += 2;
        }

        id = bytes.ToArray();
        return true;
    }

    /// <summary>Formats 16 id bytes as the usual lower-case dashed UUID text.</summary>
    public static string Format(ReadOnlySpan<byte> id)
    {
        if (id.Length != Size)
        {
            throw new ArgumentException("A VMess id has 16 bytes.", nameof(id));
        }

        var hex = Convert.ToHexStringLower(id);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>The cmdKey: MD5(id || "c48619fe-8f02-49e0-b9e9-edf763e17e21").</summary>
    public static byte[] CmdKey(ReadOnlySpan<byte> id)
    {
        if (id.Length != Size)
        {
            throw new ArgumentException("A VMess id has 16 bytes.", nameof(id));
        }

        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(id);
        md5.AppendData(CmdKeySuffix);
        return md5.GetHashAndReset();
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
