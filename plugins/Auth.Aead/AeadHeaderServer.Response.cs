using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Header;

namespace VMessPlugins.Plugins.Auth.Aead;

internal sealed partial class AeadHeaderServer
{
    public override int GetResponseLength(VMessResponse response) =>
        ResponseHeaderSealer.SealedLength(VMessResponseHeaderCodec.GetLength(response));

    public override int WriteResponse(VMessRequest request, VMessResponse response, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        var total = GetResponseLength(response);
        if (destination.Length < total)
        {
            throw new ArgumentException("The destination is too small for the response header.", nameof(destination));
        }

        Span<byte> plaintext = stackalloc byte[VMessResponseHeaderCodec.MinLength + 255];
        var length = VMessResponseHeaderCodec.Encode(request.ResponseAuth, response, plaintext);
        return new ResponseHeaderSealer(request.ResponseBodyKey, request.ResponseBodyIV).Seal(plaintext[..length], destination);
    }
}
