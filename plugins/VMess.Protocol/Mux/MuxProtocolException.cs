using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>A frame error: the whole mux connection ends (there is no error frame in Mux.Cool).</summary>
internal sealed class MuxProtocolException : ProxyException
{
    public MuxProtocolException(string message)
        : base(message)
    {
    }
}
