using System.Buffers.Binary;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>The client side of the AEAD header. Stateless apart from the clock; safe to share.</summary>
internal sealed class AeadHeaderClient(TimeProvider clock) : IVMessHeaderClient
{
    private const int MaxPadding = 15;

    public int GetMaxRequestLength(VMessRequest request) =>
        AeadFormat.PrefixSize + VMessRequestHeaderCodec.GetLength(request) - request.PaddingLength + MaxPadding + AeadFormat.TagSize;

    public int WriteRequest(VMessRequest request, Span<byte> destination) =>
        WriteRequest(request, destination, RequestRandomness.Draw(clock));

    /// <summary>Encodes with the given random inputs (the vectors' values in tests).</summary>
    internal static int WriteRequest(VMessRequest request, Span<byte> destination, RequestRandomness random)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = request.User ?? throw new InvalidOperationException("The request has no user.");
        request.PaddingLength = random.Padding.Length;
        Span<byte> plaintext = stackalloc byte[VMessRequestHeaderCodec.MaxLength];
        var plaintextLength = VMessRequestHeaderCodec.Encode(request, random.Padding, plaintext);
        var total = AeadFormat.PrefixSize + plaintextLength + AeadFormat.TagSize;
        if (destination.Length < total)
        {
            throw new ArgumentException("The destination is too small for the request header.", nameof(destination));
        }

        var cmdKey = VMessId.CmdKey(user.Id);
        var authId = new byte[AeadFormat.AuthIdSize];
        using (var authIdCipher = new AuthIdCipher(cmdKey))
        {
            authIdCipher.Encrypt(random.UnixTime, random.AuthIdRandom, authId);
        }

        var keys = new RequestHeaderKeys(cmdKey, authId, random.Nonce);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)plaintextLength);
        authId.CopyTo(destination);
        Gcm.Seal(keys.LengthKey, keys.LengthNonce, length, authId, destination[AeadFormat.AuthIdSize..]);
        random.Nonce.CopyTo(destination[(AeadFormat.AuthIdSize + AeadFormat.SealedLengthSize)..]);
        Gcm.Seal(keys.PayloadKey, keys.PayloadNonce, plaintext[..plaintextLength], authId, destination[AeadFormat.PrefixSize..]);

        request.ResponseBodyKey = VMessResponseKeys.ForAeadHeader(request.BodyKey);
        request.ResponseBodyIV = VMessResponseKeys.ForAeadHeader(request.BodyIV);
        request.HeaderFormat = AeadFormat.Name;
        return total;
    }

    public VMessHeaderReadResult ReadResponse(ReadOnlySpan<byte> input, VMessRequest request, VMessResponse response)
    {
        if (input.Length < AeadFormat.SealedLengthSize)
        {
            return VMessHeaderReadResult.NeedMore(AeadFormat.SealedLengthSize);
        }

        var sealer = new ResponseHeaderSealer(request.ResponseBodyKey, request.ResponseBodyIV);
        if (sealer.TryOpenLength(input) is not { } length)
        {
            return VMessHeaderReadResult.Reject("response header length does not authenticate");
        }

        var total = ResponseHeaderSealer.SealedLength(length);
        if (input.Length < total)
        {
            return VMessHeaderReadResult.NeedMore(total);
        }

        var plaintext = new byte[length];
        if (!sealer.TryOpenPayload(input[AeadFormat.SealedLengthSize..total], plaintext))
        {
            return VMessHeaderReadResult.Reject("response header does not authenticate");
        }

        var decoded = VMessResponseHeaderCodec.Decode(plaintext, request.ResponseAuth, response);
        return decoded.Status switch
        {
            PlaintextDecodeStatus.Decoded when decoded.Length == length => VMessHeaderReadResult.Accept(total),
            PlaintextDecodeStatus.Decoded => VMessHeaderReadResult.Reject("response header has trailing bytes"),
            PlaintextDecodeStatus.NeedMoreData => VMessHeaderReadResult.Reject("response header is truncated"),
            _ => VMessHeaderReadResult.Reject(decoded.Error ?? "invalid response header"),
        };
    }
}
