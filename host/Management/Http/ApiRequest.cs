using System.Net;

namespace VMessPlugins.Host.Management.Http;

/// <summary>One request to the management API, read whole (head and body) before it is answered.</summary>
/// <param name="Method">The method, upper case as sent.</param>
/// <param name="Path">The decoded path, without the query.</param>
/// <param name="Query">The decoded query parameters (a repeated name keeps its last value; a bare name is "true").</param>
/// <param name="Authorization">The Authorization header, if any.</param>
/// <param name="Body">The body (empty when there is none).</param>
/// <param name="Remote">The peer's address.</param>
internal sealed record ApiRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? Authorization,
    byte[] Body,
    EndPoint? Remote)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}
