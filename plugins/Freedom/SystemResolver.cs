using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.Plugins.Freedom;

/// <summary>The operating system's resolver.</summary>
internal sealed class SystemResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, AddressFamily family, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, family, cancellationToken);
}
