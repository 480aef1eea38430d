using System.Net.Http.Headers;
using System.Text.Json;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Management;

/// <summary><c>vmessplugins api stats [-c FILE]... [--reset]</c>: asks a running host for its counters.</summary>
internal static class ApiCommand
{
    public const string Usage = """
        Usage: vmessplugins api stats [-c FILE]... [--reset]

        Prints every traffic counter of the running host, one "NAME VALUE" per line, with V2Ray's names
        (user>>>EMAIL>>>traffic>>>uplink, inbound>>>TAG>>>traffic>>>downlink, ...) and the open
        connections per user (user>>>EMAIL>>>connections>>>open). --reset zeroes the byte counters as
        they are read. The address and token come from the "management" section of the config.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Any(a => a is "-h" or "--help" or "help"))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        var configs = new List<string>();
        var reset = false;
        string? problem = args.Count == 0 || args[0] != "stats" ? "api needs \"stats\"" : null;
        for (var i = 1; problem is null && i < args.Count; i++)
        {
            if (args[i] is "-c" or "--config" && i + 1 < args.Count)
            {
                configs.Add(args[++i]);
            }
            else if (args[i] == "--reset")
            {
                reset = true;
            }
            else
            {
                problem = $"unexpected argument \"{args[i]}\"";
            }
        }

        if (problem is not null)
        {
            await errors.WriteLineAsync($"error: {problem}{Environment.NewLine}{Usage}").ConfigureAwait(false);
            return 2;
        }

        var diagnostics = new ConfigDiagnostics();
        var settings = ManagementSetup.Read(configs.Count > 0 ? configs : [Path.Combine(AppContext.BaseDirectory, "config.json")], diagnostics);
        foreach (var item in diagnostics.Items.Where(d => d.Severity == ConfigSeverity.Error))
        {
            await errors.WriteLineAsync(item.ToString()).ConfigureAwait(false);
        }

        if (settings is null)
        {
            if (!diagnostics.HasErrors)
            {
                await errors.WriteLineAsync("error: the config has no \"management\" section, so the API is off").ConfigureAwait(false);
            }

            return 1;
        }

        return await QueryAsync(settings, reset, output, errors).ConfigureAwait(false);
    }

    private static async Task<int> QueryAsync(ManagementSettings settings, bool reset, TextWriter output, TextWriter errors)
    {
        using var client = new HttpClient { BaseAddress = settings.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        try
        {
            using var response = await client.GetAsync(reset ? "stats?reset=true" : "stats").ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await errors.WriteLineAsync($"error: the management API answered {(int)response.StatusCode}: {body}").ConfigureAwait(false);
                return 1;
            }

            using var document = JsonDocument.Parse(body);
            foreach (var stat in document.RootElement.GetProperty("stat").EnumerateArray())
            {
                await output.WriteLineAsync($"{stat.GetProperty("name").GetString()} {stat.GetProperty("value").GetInt64()}").ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await errors.WriteLineAsync($"error: cannot read {settings.BaseAddress}stats (is the host running with this config?): {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
