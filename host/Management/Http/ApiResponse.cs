using System.Net;

namespace VMessPlugins.Host.Management.Http;

/// <summary>An answer of the management API: a status and a JSON body.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, byte[] Json);
