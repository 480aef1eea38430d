namespace VMessPlugins.Abstractions.VMess;

/// <summary>The client side of one header format.</summary>
public interface IVMessHeaderClient
{
    /// <summary>An upper bound of the request header size for <paramref name="request"/>.</summary>
    int GetMaxRequestLength(VMessRequest request);

    /// <summary>
    /// Encodes <paramref name="request"/> (its user, body key/IV, V, options, security, command, destination),
    /// drawing the format's own random values; sets the request's response keys and <see cref="VMessRequest.HeaderFormat"/>.
    /// Returns the number of bytes written.
    /// </summary>
    int WriteRequest(VMessRequest request, Span<byte> destination);

    /// <summary>Decodes the response header at the start of <paramref name="input"/>.</summary>
    VMessHeaderReadResult ReadResponse(ReadOnlySpan<byte> input, VMessRequest request, VMessResponse response);
}
