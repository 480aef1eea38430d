using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>
/// Encodes and decodes the switch-account command bytes as carried in <c>VMessResponse.Command</c>:
/// u32be(FNV-1a(body)) || body, body = host_len || host || port || id(16) || alterIds || level || valid_min.
/// </summary>
public static class SwitchAccountCodec
{
    private const int ChecksumLength = 4;
    private const int FixedBodyLength = 1 + 2 + 16 + 2 + 1 + 1;

    /// <summary>The command bytes (checksum and body) for <paramref name="command"/>.</summary>
    public static byte[] Encode(SwitchAccountCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var host = command.Host ?? "";
        if (!Ascii.IsValid(host) || ChecksumLength + FixedBodyLength + host.Length > 255)
        {
            throw new ArgumentException("The host must be ASCII and short enough for a 255-byte command.", nameof(command));
        }

        if (command.Id is not { Length: 16 })
        {
            throw new ArgumentException("The id has 16 bytes.", nameof(command));
        }

        var bytes = new byte[ChecksumLength + FixedBodyLength + host.Length];
        var body = bytes.AsSpan(ChecksumLength);
        body[0] = (byte)host.Length;
        var position = 1 + Encoding.ASCII.GetBytes(host, body[1..]);
        BinaryPrimitives.WriteUInt16BigEndian(body[position..], command.Port);
        command.Id.CopyTo(body[(position + 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(body[(position + 18)..], command.AlterIds);
        body[position + 20] = command.Level;
        body[position + 21] = command.ValidMinutes;
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Fnv1a.Hash(body));
        return bytes;
    }

    /// <summary>
    /// Decodes command bytes; false when the checksum is wrong or the body is short or malformed
    /// (a client then ignores the command, as v2ray does). Never throws on any input.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> commandBytes, [NotNullWhen(true)] out SwitchAccountCommand? command)
    {
        command = null;
        if (commandBytes.Length <= ChecksumLength)
        {
            return false;
        }

        var body = commandBytes[ChecksumLength..];
        if (Fnv1a.Hash(body) != BinaryPrimitives.ReadUInt32BigEndian(commandBytes))
        {
            return false;
        }

        var hostLength = body[0];
        if (body.Length < FixedBodyLength + hostLength)
        {
            return false;
        }

        var host = Encoding.ASCII.GetString(body.Slice(1, hostLength));
        var rest = body[(1 + hostLength)..];
        command = new SwitchAccountCommand(
            host,
            BinaryPrimitives.ReadUInt16BigEndian(rest),
            rest.Slice(2, 16).ToArray(),
            BinaryPrimitives.ReadUInt16BigEndian(rest[18..]),
            rest[20],
            rest[21]);
        return true;
    }
}
