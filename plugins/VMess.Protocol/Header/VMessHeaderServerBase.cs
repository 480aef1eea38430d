using System.Security.Cryptography;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.VMess.Protocol.Header;

/// <summary>
/// What the servers of both header formats share: a clean refusal instead of an exception on any input, and the
/// session history. Each plugin ships its own copy of this library, so nothing outside the plugin may test for
/// this type: the inbound sees an <see cref="IVMessHeaderServer"/>.
/// </summary>
public abstract class VMessHeaderServerBase(TimeProvider clock) : IVMessHeaderServer
{
    /// <summary>The inbound's clock (time windows, replay memory).</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Sessions (user id, body key, body IV) seen in the last 3 minutes.</summary>
    protected SessionHistory Sessions { get; } = new(clock);

    /// <inheritdoc/>
    public VMessHeaderReadResult ReadRequest(ReadOnlySpan<byte> input, VMessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return Read(input, request);
        }
        catch (CryptographicException)
        {
            // Not expected for any input; a prober must still get a clean refusal rather than an exception.
            return VMessHeaderReadResult.Reject("request header could not be processed");
        }
    }

    /// <inheritdoc/>
    public abstract void AddUser(VMessUser user);

    /// <inheritdoc/>
    public abstract bool RemoveUser(ReadOnlySpan<byte> id);

    /// <inheritdoc/>
    public abstract int GetResponseLength(VMessResponse response);

    /// <inheritdoc/>
    public abstract int WriteResponse(VMessRequest request, VMessResponse response, Span<byte> destination);

    /// <inheritdoc/>
    public abstract void Dispose();

    /// <summary>Decodes the request header in <paramref name="input"/>, as <see cref="ReadRequest"/> documents.</summary>
    protected abstract VMessHeaderReadResult Read(ReadOnlySpan<byte> input, VMessRequest request);
}
