using System.Net;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Routing;

/// <summary>Matches destination IP addresses against CIDR ranges (a domain never matches, as with V2Ray's AsIs).</summary>
internal sealed class IpCondition(IReadOnlyList<IPNetwork> networks) : IRuleCondition
{
    public bool Matches(SessionContext session, Destination destination)
    {
        if (destination.Address.Ip is not { } ip)
        {
            return false;
        }

        foreach (var network in networks)
        {
            if (network.Contains(ip))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses "10.0.0.0/8", "::1" or "1.2.3.4".</summary>
    public static IPNetwork? Parse(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        var slash = text.IndexOf('/');
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var ip))
        {
            return null;
        }

        var bits = ip.GetAddressBytes();
        var prefix = bits.Length * 8;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], out prefix) || prefix < 0 || prefix > bits.Length * 8))
        {
            return null;
        }

        // V2Ray accepts host bits in a CIDR ("10.1.2.3/8"); IPNetwork does not, so clear them.
        for (var i = 0; i < bits.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bits[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPNetwork(new IPAddress(bits), prefix);
    }
}
