using System.Net;

namespace VMessPlugins.Host.Management;

/// <summary>The <c>management</c> section: where the local API listens and the token it requires.</summary>
internal sealed record ManagementSettings(IPAddress Listen, int Port, string Token)
{
    public Uri BaseAddress => new($"http://{(Listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Listen}]" : Listen.ToString())}:{Port}/");
}
