using System.Text;
using VMessPlugins.Host.Links.Qr;

namespace VMessPlugins.Tests.Ops.Tests.Qr;

public sealed class QrTerminalRendererTests
{
    [Fact]
    public void Render_HalfBlocks_DecodeBackToTheSymbolWithAQuietZone()
    {
        var code = QrEncoder.Encode(Encoding.UTF8.GetBytes(ExpectedSymbols.Input("sentence-M")), QrErrorLevel.Medium);
        var width = code.Size + (2 * QrTerminalRenderer.QuietZone);

        var lines = QrTerminalRenderer.Render(code, useColours: false).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal((width + 1) / 2, lines.Length);
        for (var row = 0; row < width; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var symbol = lines[row / 2][column];
                var light = row % 2 == 0 ? symbol is '\u2588' or '\u2580' : symbol is '\u2588' or '\u2584';
                var inside = row >= 4 && row < code.Size + 4 && column >= 4 && column < code.Size + 4;
                var dark = inside && code.IsDark(row - 4, column - 4);
                Assert.True(light != dark, $"module ({row - 4}, {column - 4})");
            }
        }
    }

    [Fact]
    public void Render_WithColours_WrapsEveryLineInWhiteOnBlack()
    {
        var code = QrEncoder.Encode("hi"u8, QrErrorLevel.Low);

        var lines = QrTerminalRenderer.Render(code, useColours: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(lines, line =>
        {
            Assert.StartsWith("\u001b[97;40m", line);
            Assert.EndsWith("\u001b[0m", line);
        });
    }
}
