using System.Globalization;
using System.Net;
using System.Text.Json;

namespace VMessPlugins.Host.Management;

internal static partial class ApiCommand
{
    private static readonly Dictionary<string, string> s_userOptions = new(StringComparer.Ordinal)
    {
        ["-c"] = "-c", ["--config"] = "-c", ["--inbound"] = "--inbound", ["--email"] = "--email", ["--id"] = "--id", ["--level"] = "--level",
    };

    private static async Task<int> UsersAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var action = args.Count > 0 ? args[0] : "";
        if (action is not ("list" or "add" or "remove"))
        {
            return await BadUsageAsync(errors, "api users needs \"list\", \"add\" or \"remove\"").ConfigureAwait(false);
        }

        var parsed = CommandArguments.Parse(args.Skip(1).ToList(), s_userOptions, action == "remove" ? ["--drop-connections"] : []);
        var problem = parsed.Problem ?? CheckUserOptions(action, parsed);
        if (problem is not null)
        {
            return await BadUsageAsync(errors, problem).ConfigureAwait(false);
        }

        return await CallAsync(parsed, errors, action switch
        {
            "list" => client => ListAsync(client, parsed.Value("--inbound"), output),
            "add" => client => AddAsync(client, parsed, output),
            _ => client => RemoveAsync(client, parsed, output),
        }).ConfigureAwait(false);
    }

    private static string? CheckUserOptions(string action, CommandArguments parsed)
    {
        if (action == "list")
        {
            return (parsed.Value("--email") ?? parsed.Value("--id") ?? parsed.Value("--level")) is not null
                ? "api users list takes only --inbound and -c"
                : null;
        }

        if (parsed.Value("--inbound") is null || parsed.Value("--email") is null)
        {
            return $"api users {action} needs --inbound TAG and --email EMAIL";
        }

        if (action == "remove" && (parsed.Value("--id") ?? parsed.Value("--level")) is not null)
        {
            return "api users remove takes --inbound, --email, --drop-connections and -c";
        }

        if (parsed.Value("--id") is { } id && !Guid.TryParse(id, out _))
        {
            return $"--id must be a UUID (\"vmessplugins uuid\" prints one), not \"{id}\"";
        }

        return parsed.Value("--level") is { } level && !uint.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? $"--level must be a whole number (0 or more), not \"{level}\""
            : null;
    }

    private static async Task ListAsync(ManagementClient client, string? inbound, TextWriter output)
    {
        var path = inbound is null ? "users" : "users?inbound=" + Uri.EscapeDataString(inbound);
        var (status, body) = await client.SendAsync(HttpMethod.Get, path).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw new ManagementClientException(ManagementClient.ErrorOf(status, body));
        }

        var inbounds = body.GetProperty("inbounds").EnumerateArray().ToList();
        if (inbounds.Count == 0)
        {
            await output.WriteLineAsync("no running inbound manages users").ConfigureAwait(false);
        }

        foreach (var item in inbounds)
        {
            var users = item.GetProperty("users").EnumerateArray().ToList();
            await output.WriteLineAsync($"{item.GetProperty("tag").GetString()} ({item.GetProperty("protocol").GetString()}): {users.Count} user(s)").ConfigureAwait(false);
            foreach (var user in users)
            {
                await output.WriteLineAsync($"  {user.GetProperty("email").GetString()}  id {user.GetProperty("id").GetString()}  level {user.GetProperty("level").GetUInt32()}").ConfigureAwait(false);
            }
        }
    }

    private static async Task AddAsync(ManagementClient client, CommandArguments parsed, TextWriter output)
    {
        var request = new Dictionary<string, object>
        {
            ["inbound"] = parsed.Value("--inbound")!,
            ["email"] = parsed.Value("--email")!,
        };
        if (parsed.Value("--id") is { } id)
        {
            request["id"] = id;
        }

        if (parsed.Value("--level") is { } level)
        {
            request["level"] = uint.Parse(level, CultureInfo.InvariantCulture);
        }

        var (status, body) = await client.SendAsync(HttpMethod.Post, "users", request).ConfigureAwait(false);
        if (status != HttpStatusCode.Created)
        {
            throw new ManagementClientException(ManagementClient.ErrorOf(status, body));
        }

        await output.WriteLineAsync($"added {body.GetProperty("email").GetString()} to {body.GetProperty("inbound").GetString()}: id {body.GetProperty("id").GetString()}, level {body.GetProperty("level").GetUInt32()}").ConfigureAwait(false);
    }

    private static async Task RemoveAsync(ManagementClient client, CommandArguments parsed, TextWriter output)
    {
        var inbound = parsed.Value("--inbound")!;
        var email = parsed.Value("--email")!;
        var path = $"users?inbound={Uri.EscapeDataString(inbound)}&email={Uri.EscapeDataString(email)}"
            + (parsed.Has("--drop-connections") ? "&dropConnections=true" : "");
        var (status, body) = await client.SendAsync(HttpMethod.Delete, path).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            throw new ManagementClientException(ManagementClient.ErrorOf(status, body));
        }

        var ended = body.TryGetProperty("connectionsEnded", out var count) ? count.GetInt32() : 0;
        await output.WriteLineAsync($"removed {email} from {inbound} ({ended} open connection(s) ended)").ConfigureAwait(false);
    }
}
