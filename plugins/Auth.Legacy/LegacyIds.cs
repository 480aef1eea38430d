using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>Alter IDs, the HMAC-MD5 auth and the header IV (PROTOCOL.md §2, §3).</summary>
internal static class LegacyIds
{
    private static readonly byte[] AlterSuffix = Encoding.ASCII.GetBytes("16167dc8-16b6-4e6d-b8bb-65dd68113a81");
    private static readonly byte[] CollisionSuffix = Encoding.ASCII.GetBytes("533eff8a-4113-4b10-b5ce-0f5d76b98cd2");

    /// <summary>The first <paramref name="count"/> alter IDs: next = MD5(prev || fixed UUID text), from the main ID.</summary>
    public static byte[][] AlterIds(ReadOnlySpan<byte> mainId, int count)
    {
        var ids = new byte[count][];
        var previous = mainId.ToArray();
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        for (var i = 0; i < count; i++)
        {
            md5.AppendData(previous);
            md5.AppendData(AlterSuffix);
            var next = md5.GetCurrentHash();
            // v2ray keeps feeding the same running hash until the digest differs; practically never taken.
            while (next.AsSpan().SequenceEqual(previous))
            {
                md5.AppendData(CollisionSuffix);
                next = md5.GetCurrentHash();
            }

            md5.GetHashAndReset();
            ids[i] = next;
            previous = next;
        }

        return ids;
    }

    /// <summary>auth = HMAC-MD5(key = id bytes, message = u64be(timestamp)).</summary>
    public static void Auth(ReadOnlySpan<byte> id, long timestamp, Span<byte> destination)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, timestamp);
        HMACMD5.HashData(id, message, destination);
    }

    /// <summary>The auth as a table key.</summary>
    public static UInt128 AuthKey(ReadOnlySpan<byte> id, long timestamp)
    {
        Span<byte> auth = stackalloc byte[LegacyFormat.AuthSize];
        Auth(id, timestamp, auth);
        return BinaryPrimitives.ReadUInt128BigEndian(auth);
    }

    /// <summary>The header IV: MD5 of u64be(timestamp) written four times.</summary>
    public static byte[] HeaderIv(long timestamp)
    {
        Span<byte> message = stackalloc byte[32];
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(message[(i * 8)..], timestamp);
        }

        return MD5.HashData(message);
    }
}
