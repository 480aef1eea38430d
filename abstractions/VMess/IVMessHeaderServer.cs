namespace VMessPlugins.Abstractions.VMess;

/// <summary>The server side of one header format for one inbound. Thread-safe.</summary>
public interface IVMessHeaderServer : IDisposable
{
    /// <summary>Adds or replaces a user (by id); takes effect for the next connection.</summary>
    void AddUser(VMessUser user);

    /// <summary>Removes a user by id; returns false when unknown.</summary>
    bool RemoveUser(ReadOnlySpan<byte> id);

    /// <summary>
    /// Tries to decode a request header at the start of <paramref name="input"/> (everything received so far).
    /// On <see cref="VMessHeaderStatus.Accepted"/>, fills <paramref name="request"/> (user, keys, response keys,
    /// destination) and reports how many bytes the header used.
    /// </summary>
    VMessHeaderReadResult ReadRequest(ReadOnlySpan<byte> input, VMessRequest request);

    /// <summary>The size of the response header <see cref="WriteResponse"/> will write.</summary>
    int GetResponseLength(VMessResponse response);

    /// <summary>Writes the response header for an accepted request.</summary>
    int WriteResponse(VMessRequest request, VMessResponse response, Span<byte> destination);
}
