namespace VMessPlugins.Abstractions.VMess;

/// <summary>
/// A VMess request/response header format ("aead", "legacy"). A server tries the enabled formats in
/// <see cref="Priority"/> order on the first bytes of each connection. Register as a singleton
/// <see cref="IVMessHeaderAuthenticator"/>.
/// </summary>
public interface IVMessHeaderAuthenticator
{
    /// <summary>The format's name: "aead" or "legacy".</summary>
    string Name { get; }

    /// <summary>Lower is tried first (AEAD must come before legacy: any 16 bytes could be either).</summary>
    int Priority { get; }

    /// <summary>Creates the server side for one inbound; it keeps that inbound's user tables and replay filters.</summary>
    IVMessHeaderServer CreateServer(VMessHeaderServerOptions options);

    /// <summary>Creates a client-side codec (stateless apart from its randomness; may be shared).</summary>
    IVMessHeaderClient CreateClient();
}
