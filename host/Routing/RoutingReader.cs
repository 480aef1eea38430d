using System.Net;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Routing;

/// <summary>Reads <c>routing</c>; rules of later files are appended to earlier ones.</summary>
internal static class RoutingReader
{
    private static readonly string[] s_ruleKeys = ["type", "outboundTag", "inboundTag", "network", "port", "domain", "domains", "ip", "user"];

    /// <param name="outboundTags">The tags of all outbounds; the first is the default.</param>
    public static Router Read(IReadOnlyList<SettingsReader> routingObjects, IReadOnlyList<string> outboundTags, ConfigDiagnostics diagnostics)
    {
        var rules = new List<RoutingRule>();
        foreach (var routing in routingObjects)
        {
            routing.WarnUnknownKeys("rules", "domainStrategy");
            var strategy = routing.GetString("domainStrategy", "AsIs")!;
            if (!strategy.Equals("AsIs", StringComparison.OrdinalIgnoreCase))
            {
                routing.Warning("domainStrategy", $"\"{strategy}\" is not supported; domains are matched as they are (AsIs)");
            }

            foreach (var rule in routing.Children("rules"))
            {
                if (ReadRule(rule, outboundTags) is { } read)
                {
                    rules.Add(read);
                }
            }
        }

        return new Router(rules, outboundTags.Count > 0 ? outboundTags[0] : "");
    }

    private static RoutingRule? ReadRule(SettingsReader rule, IReadOnlyList<string> outboundTags)
    {
        rule.WarnUnknownKeys(s_ruleKeys);
        var errors = rule.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error);
        var type = rule.GetString("type");
        if (!string.Equals(type, "field", StringComparison.OrdinalIgnoreCase))
        {
            rule.Error("type", type is null ? "is required and must be \"field\"" : $"must be \"field\", not \"{type}\"");
        }

        var target = rule.GetRequiredString("outboundTag");
        if (target is not null && !outboundTags.Contains(target, StringComparer.Ordinal))
        {
            rule.Error("outboundTag", $"no outbound has the tag \"{target}\"");
        }

        var conditions = ReadConditions(rule);
        var failed = rule.Diagnostics.Items.Count(d => d.Severity == ConfigSeverity.Error) > errors;
        return failed || target is null ? null : new RoutingRule(target, conditions);
    }

    private static List<IRuleCondition> ReadConditions(SettingsReader rule)
    {
        var conditions = new List<IRuleCondition>();
        if (rule.Has("inboundTag"))
        {
            conditions.Add(new InboundTagCondition(rule.GetStringList("inboundTag")));
        }

        if (rule.Has("user"))
        {
            conditions.Add(new UserCondition(rule.GetStringList("user")));
        }

        if (rule.Has("network"))
        {
            var networks = rule.GetStringList("network");
            var unknown = networks.FirstOrDefault(n => !n.Equals("tcp", StringComparison.OrdinalIgnoreCase) && !n.Equals("udp", StringComparison.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                rule.Error("network", $"must be \"tcp\", \"udp\" or \"tcp,udp\", not \"{unknown}\"");
            }

            conditions.Add(new NetworkCondition(
                networks.Contains("tcp", StringComparer.OrdinalIgnoreCase),
                networks.Contains("udp", StringComparer.OrdinalIgnoreCase)));
        }

        if (Configuration.PortList.Read(rule, "port") is { } ports)
        {
            conditions.Add(new PortCondition(ports));
        }

        AddDomains(rule, rule.Has("domain") ? "domain" : "domains", conditions);
        AddIps(rule, conditions);
        return conditions;
    }

    private static void AddDomains(SettingsReader rule, string key, List<IRuleCondition> conditions)
    {
        if (!rule.Has(key))
        {
            return;
        }

        var patterns = new List<Func<string, bool>>();
        foreach (var text in rule.GetStringList(key))
        {
            try
            {
                if (DomainCondition.Compile(text) is { } pattern)
                {
                    patterns.Add(pattern);
                }
                else
                {
                    rule.Error(key, $"\"{text}\" is not supported; use a plain string, keyword:, domain:, full: or regexp:");
                }
            }
            catch (ArgumentException ex)
            {
                rule.Error(key, $"\"{text}\" is not a valid regular expression: {ex.Message}");
            }
        }

        conditions.Add(new DomainCondition(patterns));
    }

    private static void AddIps(SettingsReader rule, List<IRuleCondition> conditions)
    {
        if (!rule.Has("ip"))
        {
            return;
        }

        var networks = new List<IPNetwork>();
        foreach (var text in rule.GetStringList("ip"))
        {
            if (IpCondition.Parse(text) is { } network)
            {
                networks.Add(network);
            }
            else
            {
                rule.Error("ip", $"\"{text}\" is not an IP address or CIDR range (geoip: is not supported)");
            }
        }

        conditions.Add(new IpCondition(networks));
    }
}
