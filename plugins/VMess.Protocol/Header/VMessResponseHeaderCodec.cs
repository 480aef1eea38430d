using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>
/// The plaintext response header (PROTOCOL.md §8): V || option || command id || command length || command bytes.
/// </summary>
public static class VMessResponseHeaderCodec
{
    /// <summary>The header without a command.</summary>
    public const int MinLength = 4;

    /// <summary>The encoded length of <paramref name="response"/>.</summary>
    public static int GetLength(VMessResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Command.Length > 255)
        {
            throw new ArgumentException("A response command has at most 255 bytes.", nameof(response));
        }

        return MinLength + response.Command.Length;
    }

    /// <summary>Encodes the response that echoes <paramref name="responseAuth"/>; returns the length written.</summary>
    public static int Encode(byte responseAuth, VMessResponse response, Span<byte> destination)
    {
        var length = GetLength(response);
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is too small for the response header.", nameof(destination));
        }

        destination[0] = responseAuth;
        destination[1] = response.Options;
        destination[2] = response.Command.Length == 0 ? (byte)0 : response.CommandId;
        destination[3] = (byte)response.Command.Length;
        response.Command.CopyTo(destination[MinLength..]);
        return length;
    }

    /// <summary>
    /// Decodes the header at the start of <paramref name="input"/> into <paramref name="response"/>, checking that it
    /// echoes <paramref name="expectedAuth"/>. Never throws on any input.
    /// </summary>
    public static PlaintextDecodeResult Decode(ReadOnlySpan<byte> input, byte expectedAuth, VMessResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (input.Length < MinLength)
        {
            return PlaintextDecodeResult.NeedMore(MinLength);
        }

        if (input[0] != expectedAuth)
        {
            return PlaintextDecodeResult.Invalid("response header does not echo the request's auth byte V");
        }

        var length = MinLength + input[3];
        if (input.Length < length)
        {
            return PlaintextDecodeResult.NeedMore(length);
        }

        response.Options = input[1];
        response.CommandId = input[2];
        response.Command = input[MinLength..length].ToArray();
        return PlaintextDecodeResult.Decoded(length);
    }
}
