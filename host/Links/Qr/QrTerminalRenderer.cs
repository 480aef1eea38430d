using System.Text;

namespace VMessPlugins.Host.Links.Qr;

/// <summary>
/// Draws a QR code with Unicode half blocks, two module rows per text line. Light modules are drawn
/// as blocks and dark ones as spaces, with the standard 4-module quiet zone; with colours on, the line
/// forces white on black so the code scans on light and dark terminal themes alike.
/// </summary>
internal static class QrTerminalRenderer
{
    public const int QuietZone = 4;
    private const string ForceColours = "\u001b[97;40m";
    private const string ResetColours = "\u001b[0m";

    public static string Render(QrCode code, bool useColours)
    {
        var width = code.Size + (2 * QuietZone);
        var text = new StringBuilder();
        for (var top = -QuietZone; top < code.Size + QuietZone; top += 2)
        {
            if (useColours)
            {
                text.Append(ForceColours);
            }

            for (var column = -QuietZone; column < width - QuietZone; column++)
            {
                var upperLight = !IsDark(code, top, column);
                var lowerLight = !IsDark(code, top + 1, column);
                text.Append((upperLight, lowerLight) switch
                {
                    (true, true) => '\u2588',
                    (true, false) => '\u2580',
                    (false, true) => '\u2584',
                    _ => ' ',
                });
            }

            if (useColours)
            {
                text.Append(ResetColours);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // Outside the symbol is quiet zone, which is light.
    private static bool IsDark(QrCode code, int row, int column) =>
        row >= 0 && row < code.Size && column >= 0 && column < code.Size && code.IsDark(row, column);
}
