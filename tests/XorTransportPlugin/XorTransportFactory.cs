using VMessPlugins.Abstractions.Transport;

namespace XorTransportPlugin;

/// <summary>Network "xor": TCP with every byte XORed with <c>streamSettings.xorSettings.key</c> (0-255).</summary>
internal sealed class XorTransportFactory : ITransportFactory
{
    public string Network => "xor";

    public ITransportListener? CreateListener(TransportEndpoint endpoint, StreamSettings settings) =>
        ReadKey(settings) is { } key ? new XorTransportListener(endpoint, key, settings.SecurityLayer) : null;

    public ITransportDialer? CreateDialer(StreamSettings settings) =>
        ReadKey(settings) is { } key ? new XorTransportDialer(key, settings.SecurityLayer) : null;

    // Problems go to the diagnostics with their JSON path; returning null tells the host the config is bad.
    private static byte? ReadKey(StreamSettings settings)
    {
        var xor = settings.Reader.Child("xorSettings");
        xor.WarnUnknownKeys("key");
        if (!xor.Has("key"))
        {
            xor.Error("key", "is required (a number from 0 to 255)");
            return null;
        }

        var errors = xor.Diagnostics.Items.Count;
        var key = xor.GetInt32("key", 0, 0, 255);
        return xor.Diagnostics.Items.Count == errors ? (byte)key : null;
    }
}
