using VMessPlugins.Abstractions.VMess;
using VMessPlugins.Plugins.Cipher.Aes128Cfb;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Legacy;

internal sealed partial class LegacyHeaderServer
{
    public override int GetResponseLength(VMessResponse response) => VMessResponseHeaderCodec.GetLength(response);

    public override int WriteResponse(VMessRequest request, VMessResponse response, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        var length = VMessResponseHeaderCodec.Encode(request.ResponseAuth, response, destination);
        var cfb = new AesCfbStream(request.ResponseBodyKey, request.ResponseBodyIV, encrypt: true);
        cfb.Transform(destination[..length]);
        if (request.Security is 0 or 1)
        {
            // Legacy security: the response body continues this CFB stream (PROTOCOL.md §8).
            request.ResponseStreamContinuation?.Dispose();
            request.ResponseStreamContinuation = cfb;
        }
        else
        {
            cfb.Dispose();
        }

        return length;
    }
}
