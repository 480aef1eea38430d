using System.Text;
using System.Text.Json;

namespace VMessPlugins.Tests.Ops.Tests.Support;

/// <summary>Builds and opens links in the test, independently of the code under test.</summary>
internal static class Links
{
    public const string Id = "b831381d-6324-4d53-ad4f-8cda48b30811";

    public static string Make(string json) => "vmess://" + Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    public static JsonElement Open(string link)
    {
        Assert.StartsWith("vmess://", link);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(link["vmess://".Length..]));
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
