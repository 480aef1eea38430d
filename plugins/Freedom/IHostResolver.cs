using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.Plugins.Freedom;

/// <summary>Resolves domain names (a seam so tests need no real DNS).</summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, AddressFamily family, CancellationToken cancellationToken);
}
