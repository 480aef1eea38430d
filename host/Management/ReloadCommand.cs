using System.Net;
using System.Text.Json;

namespace VMessPlugins.Host.Management;

/// <summary>
/// <c>vmessplugins reload</c>: asks the running host, through its management API (<c>POST /reload</c>), to
/// re-read its config files and plugins.json; prints the outcome. The host reloads the files it was
/// started with; <c>-c</c> here only finds the API's address and token.
/// </summary>
internal static class ReloadCommand
{
    public const string Usage = """
        Usage: vmessplugins reload [-c FILE]... [--drop-removed-users] [--drop-replaced-inbounds]

        Asks the running host to re-read the config files and plugins.json it was started with and to
        apply them without a restart. The new config is checked first (as "vmessplugins test" does);
        on any error nothing changes, the errors are printed and the exit code is 1.
        Inbounds whose listeners did not change keep their open connections; users removed from a
        vmess inbound cannot connect again, and their open connections finish on their own unless
        --drop-removed-users (or "reload": {"dropRemovedUsers": true} in the config) ends them at once.
        Connections of replaced or removed inbounds finish on their own unless --drop-replaced-inbounds.

        The host is reached through its management API ("management" section of the config, found
        with -c as for "run"). Without the API, send the host SIGHUP instead (kill -HUP PID, or
        "systemctl reload vmessplugins").
        """;

    private static readonly Dictionary<string, string> s_options = new(StringComparer.Ordinal) { ["-c"] = "-c", ["--config"] = "-c" };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Any(a => a is "-h" or "--help" or "help"))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        var parsed = CommandArguments.Parse(args, s_options, ["--drop-removed-users", "--drop-replaced-inbounds"]);
        if (parsed.Problem is not null)
        {
            await errors.WriteLineAsync($"error: {parsed.Problem}{Environment.NewLine}{Usage}").ConfigureAwait(false);
            return 2;
        }

        const string off = "the config has no \"management\" section, so \"reload\" cannot reach the running host: "
            + "send it SIGHUP instead (kill -HUP PID, or systemctl reload vmessplugins), or add a \"management\" section and restart it";
        using var client = await ManagementClient.FromConfigAsync(parsed.All("-c"), off, errors).ConfigureAwait(false);
        if (client is null)
        {
            return 1;
        }

        var query = new List<string>();
        if (parsed.Has("--drop-removed-users"))
        {
            query.Add("dropRemovedUsers=true");
        }

        if (parsed.Has("--drop-replaced-inbounds"))
        {
            query.Add("dropReplacedInbounds=true");
        }

        try
        {
            var (status, body) = await client.SendAsync(HttpMethod.Post, "reload" + (query.Count > 0 ? "?" + string.Join('&', query) : "")).ConfigureAwait(false);
            if (status is not (HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity) || !body.TryGetProperty("applied", out var applied))
            {
                throw new ManagementClientException(ManagementClient.ErrorOf(status, body));
            }

            foreach (var line in Lines(body, "errors").Concat(Lines(body, "warnings")))
            {
                await errors.WriteLineAsync(line).ConfigureAwait(false);
            }

            if (!applied.GetBoolean())
            {
                await errors.WriteLineAsync($"error: {body.GetProperty("summary").GetString()}").ConfigureAwait(false);
                return 1;
            }

            await output.WriteLineAsync($"reloaded: {body.GetProperty("summary").GetString()}").ConfigureAwait(false);
            return 0;
        }
        catch (ManagementClientException ex)
        {
            await errors.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static IEnumerable<string> Lines(JsonElement body, string name) =>
        body.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString() ?? "")
            : [];
}
