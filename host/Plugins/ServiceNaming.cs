using System.Reflection;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Host.Plugins;

/// <summary>How a registered service is named in config, found by convention so new contracts need no host change.</summary>
internal static class ServiceNaming
{
    private static readonly string[] s_nameProperties = ["Protocol", "Network", "Security", "Name"];

    public static string KindOf(Type serviceType)
    {
        if (serviceType == typeof(IInboundFactory))
        {
            return "inbound";
        }

        if (serviceType == typeof(IOutboundFactory))
        {
            return "outbound";
        }

        if (serviceType == typeof(ITransportFactory))
        {
            return "network";
        }

        if (serviceType == typeof(IConnectionLayerFactory))
        {
            return "security";
        }

        var name = serviceType.Name;
        return name.Contains("Cipher", StringComparison.Ordinal) ? "cipher suite"
            : name.Contains("Authenticator", StringComparison.Ordinal) ? "authenticator"
            : name.StartsWith('I') && name.Length > 1 && char.IsUpper(name[1]) ? name[1..] : name;
    }

    /// <summary>The config names of <paramref name="instance"/>: its name property and any aliases.</summary>
    public static IEnumerable<string> NamesOf(Type serviceType, object instance)
    {
        var property = FindNameProperty(serviceType);
        if (property?.GetValue(instance) is string name && name.Length > 0)
        {
            yield return name;
        }

        if (instance is ITransportFactory transport)
        {
            foreach (var alias in transport.Aliases)
            {
                yield return alias;
            }
        }
    }

    private static PropertyInfo? FindNameProperty(Type serviceType)
    {
        foreach (var candidate in s_nameProperties)
        {
            if (serviceType.GetProperty(candidate) is { PropertyType: var type } property && type == typeof(string))
            {
                return property;
            }
        }

        return null;
    }
}
