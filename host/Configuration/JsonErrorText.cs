using System.Text.Json;

namespace VMessPlugins.Host.Configuration;

/// <summary>Turns a JSON parse failure into "line L, column C" and a reason without System.Text.Json's trailer.</summary>
internal static class JsonErrorText
{
    public static string Position(JsonException exception) =>
        $"line {(exception.LineNumber ?? 0) + 1}, column {(exception.BytePositionInLine ?? 0) + 1}";

    public static string Reason(JsonException exception)
    {
        var message = exception.Message;
        var trailer = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (trailer < 0)
        {
            trailer = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return (trailer > 0 ? message[..trailer] : message).TrimEnd(' ', '|', '.') + ".";
    }
}
