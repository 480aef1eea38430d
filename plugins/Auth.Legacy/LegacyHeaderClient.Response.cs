using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Cipher.Aes128Cfb;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Legacy;

internal sealed partial class LegacyHeaderClient
{
    public VMessHeaderReadResult ReadResponse(ReadOnlySpan<byte> input, VMessRequest request, VMessResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (input.Length < VMessResponseHeaderCodec.MinLength)
        {
            return VMessHeaderReadResult.NeedMore(VMessResponseHeaderCodec.MinLength);
        }

        // Decrypt afresh on every attempt, exactly the header's bytes, so the stream ends where the body begins.
        var cfb = new AesCfbStream(request.ResponseBodyKey, request.ResponseBodyIV, encrypt: false);
        var handedOver = false;
        try
        {
            Span<byte> plaintext = stackalloc byte[VMessResponseHeaderCodec.MinLength + 255];
            var fixedPart = plaintext[..VMessResponseHeaderCodec.MinLength];
            input[..VMessResponseHeaderCodec.MinLength].CopyTo(fixedPart);
            cfb.Transform(fixedPart);
            var total = VMessResponseHeaderCodec.MinLength + fixedPart[3];
            if (input.Length < total)
            {
                return VMessHeaderReadResult.NeedMore(total);
            }

            var commandPart = plaintext[VMessResponseHeaderCodec.MinLength..total];
            input[VMessResponseHeaderCodec.MinLength..total].CopyTo(commandPart);
            cfb.Transform(commandPart);
            var decoded = VMessResponseHeaderCodec.Decode(plaintext[..total], request.ResponseAuth, response);
            if (!decoded.IsDecoded)
            {
                return VMessHeaderReadResult.Reject(decoded.Error ?? "invalid response header");
            }

            // With legacy security the body continues this very CFB stream (PROTOCOL.md §8).
            if (request.Security is 0 or 1)
            {
                request.ResponseStreamContinuation?.Dispose();
                request.ResponseStreamContinuation = cfb;
                handedOver = true;
            }

            return VMessHeaderReadResult.Accept(total);
        }
        finally
        {
            if (!handedOver)
            {
                cfb.Dispose();
            }
        }
    }
}
