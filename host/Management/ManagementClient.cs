using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Management;

/// <summary>
/// Talks to a running host's management API, found through the <c>management</c> section of the config
/// (address and token). Every failure becomes one line for the operator.
/// </summary>
internal sealed class ManagementClient(ManagementSettings settings) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = settings.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress => settings.BaseAddress;

    /// <summary>Reads the <c>management</c> section; prints why there is no API and returns null when there is none.</summary>
    /// <param name="configs">The -c files given (default: config.json beside the executable).</param>
    /// <param name="whenOff">What to tell the operator when the config has no management section.</param>
    /// <param name="errors">Where problems are printed.</param>
    public static async Task<ManagementClient?> FromConfigAsync(IReadOnlyList<string> configs, string whenOff, TextWriter errors)
    {
        var diagnostics = new ConfigDiagnostics();
        var settings = ManagementSetup.Read(configs.Count > 0 ? configs : [EmbeddedDefaultConfig.DefaultPath], diagnostics);
        foreach (var item in diagnostics.Items.Where(d => d.Severity == ConfigSeverity.Error))
        {
            await errors.WriteLineAsync(item.ToString()).ConfigureAwait(false);
        }

        if (settings is null && !diagnostics.HasErrors)
        {
            await errors.WriteLineAsync("error: " + whenOff).ConfigureAwait(false);
        }

        return settings is null ? null : new ManagementClient(settings);
    }

    /// <summary>Sends a request and returns the status and the parsed answer.</summary>
    /// <exception cref="ManagementClientException">The API cannot be reached, refused the token, or answered nonsense.</exception>
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new ManagementClientException($"the management API at {settings.BaseAddress} refused the token: \"management.token\" in this config is not the one the running host was started with");
            }

            using var document = JsonDocument.Parse(text);
            return (response.StatusCode, document.RootElement.Clone());
        }
        catch (HttpRequestException ex)
        {
            throw new ManagementClientException($"cannot reach the management API at {settings.BaseAddress} (is the host running with this config?): {ex.Message}", ex);
        }
        catch (TaskCanceledException ex)
        {
            throw new ManagementClientException($"the management API at {settings.BaseAddress} did not answer in time", ex);
        }
        catch (JsonException ex)
        {
            throw new ManagementClientException($"the management API at {settings.BaseAddress} answered something that is not JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The <c>error</c> text of an answer, or its status.</summary>
    public static string ErrorOf(HttpStatusCode status, JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            ? error.GetString()!
            : $"the management API answered {(int)status}";

    public void Dispose() => _http.Dispose();
}
