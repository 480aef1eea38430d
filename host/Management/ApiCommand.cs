using System.Net;
using System.Text.Json;

namespace VMessPlugins.Host.Management;

/// <summary>
/// <c>vmessplugins api stats|users ...</c>: asks a running host through its management API. The address
/// and token come from the <c>management</c> section of the config (<c>-c</c>, as for <c>run</c>).
/// </summary>
internal static partial class ApiCommand
{
    public const string Usage = """
        Usage: vmessplugins api stats [-c FILE]... [--reset]
               vmessplugins api users list [-c FILE]... [--inbound TAG]
               vmessplugins api users add --inbound TAG --email EMAIL [--id UUID] [--level N] [-c FILE]...
               vmessplugins api users remove --inbound TAG --email EMAIL [--drop-connections] [-c FILE]...

        stats    prints every traffic counter of the running host, one "NAME VALUE" per line, with V2Ray's
                 names (user>>>EMAIL>>>traffic>>>uplink, inbound>>>TAG>>>traffic>>>downlink, ...) and the
                 open connections per user (user>>>EMAIL>>>connections>>>open). --reset zeroes the byte
                 counters as they are read.
        users    lists, adds or removes users of a running inbound that manages users (vmess). add
                 prints the new user's id (a random UUID unless --id is given). remove stops new
                 connections of the user; --drop-connections also ends its open ones at once.
                 Users added or removed here live in the running host only: a restart (or a reload
                 that replaces the inbound) starts again from the users of the config file.

        The address and token come from the "management" section of the config.
        """;

    private static readonly Dictionary<string, string> s_configOption = new(StringComparer.Ordinal) { ["-c"] = "-c", ["--config"] = "-c" };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Any(a => a is "-h" or "--help" or "help"))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        return (args.Count > 0 ? args[0] : "") switch
        {
            "stats" => await StatsAsync(args.Skip(1).ToList(), output, errors).ConfigureAwait(false),
            "users" => await UsersAsync(args.Skip(1).ToList(), output, errors).ConfigureAwait(false),
            _ => await BadUsageAsync(errors, "api needs \"stats\" or \"users\"").ConfigureAwait(false),
        };
    }

    private static async Task<int> StatsAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var parsed = CommandArguments.Parse(args, s_configOption, ["--reset"]);
        if (parsed.Problem is not null)
        {
            return await BadUsageAsync(errors, parsed.Problem).ConfigureAwait(false);
        }

        return await CallAsync(parsed, errors, async client =>
        {
            var (status, body) = await client.SendAsync(HttpMethod.Get, parsed.Has("--reset") ? "stats?reset=true" : "stats").ConfigureAwait(false);
            if (status != HttpStatusCode.OK || !body.TryGetProperty("stat", out var stats) || stats.ValueKind != JsonValueKind.Array)
            {
                throw new ManagementClientException(ManagementClient.ErrorOf(status, body));
            }

            foreach (var stat in stats.EnumerateArray())
            {
                await output.WriteLineAsync($"{stat.GetProperty("name").GetString()} {stat.GetProperty("value").GetInt64()}").ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Finds the API from the -c files and runs <paramref name="call"/>; a failure is one "error:" line and exit 1.</summary>
    private static async Task<int> CallAsync(CommandArguments parsed, TextWriter errors, Func<ManagementClient, Task> call)
    {
        using var client = await ManagementClient.FromConfigAsync(parsed.All("-c"), "the config has no \"management\" section, so the API is off", errors).ConfigureAwait(false);
        if (client is null)
        {
            return 1;
        }

        try
        {
            await call(client).ConfigureAwait(false);
            return 0;
        }
        catch (ManagementClientException ex)
        {
            await errors.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
        {
            await errors.WriteLineAsync($"error: the management API at {client.BaseAddress} answered in an unexpected shape: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> BadUsageAsync(TextWriter errors, string problem)
    {
        await errors.WriteLineAsync($"error: {problem}{Environment.NewLine}{Usage}").ConfigureAwait(false);
        return 2;
    }
}
