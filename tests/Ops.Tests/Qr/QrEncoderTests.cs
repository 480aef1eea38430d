using System.Text;
using VMessPlugins.Host.Links.Qr;

namespace VMessPlugins.Tests.Ops.Tests.Qr;

public sealed class QrEncoderTests
{
    [Theory]
    [InlineData("hello-L", 'L', 1)]
    [InlineData("sentence-M", 'M', 5)]
    [InlineData("link-L", 'L', 11)]
    [InlineData("link-M", 'M', 13)]
    public void Encode_KnownText_MatchesQrencodeModuleForModule(string name, char level, int version)
    {
        var expected = ExpectedSymbols.Modules(name);

        var code = QrEncoder.Encode(Encoding.UTF8.GetBytes(ExpectedSymbols.Input(name)), Level(level));

        Assert.Equal(version, code.Version);
        Assert.Equal(expected.Length, code.Size);
        Assert.Equal(expected, Rows(code));
    }

    [Fact]
    public void Encode_EachForcedMask_OnlyTheChosenMaskMatchesQrencode()
    {
        var input = Encoding.UTF8.GetBytes(ExpectedSymbols.Input("link-L"));
        var expected = ExpectedSymbols.Modules("link-L");
        var chosen = QrEncoder.Encode(input, QrErrorLevel.Low).Mask;

        for (var mask = 0; mask < 8; mask++)
        {
            var rows = Rows(QrEncoder.Encode(input, QrErrorLevel.Low, mask));
            Assert.Equal(mask == chosen, rows.SequenceEqual(expected));
        }
    }

    [Fact]
    public void Remainder_HelloWorldVersion1M_GivesThePublishedEcc()
    {
        // The standard's worked example: "HELLO WORLD" in alphanumeric mode at 1-M.
        byte[] data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];

        var ecc = ReedSolomon.Remainder(data, 10);

        Assert.Equal([196, 35, 39, 119, 235, 215, 231, 226, 93, 23], ecc);
    }

    [Theory]
    [InlineData('L', 0, 0x77C4)]
    [InlineData('L', 7, 0x6976)]
    [InlineData('M', 0, 0x5412)]
    [InlineData('M', 5, 0x40CE)]
    public void FormatBits_LevelAndMask_MatchTheStandardTable(char level, int mask, int expected)
    {
        Assert.Equal(expected, QrMatrix.FormatBits(Level(level), mask));
    }

    [Theory]
    [InlineData(17, 'L', 1)]
    [InlineData(18, 'L', 2)]
    [InlineData(14, 'M', 1)]
    [InlineData(15, 'M', 2)]
    [InlineData(271, 'L', 10)]
    [InlineData(272, 'L', 11)]
    [InlineData(2953, 'L', 40)]
    public void SmallestVersion_AtTheCapacityEdges_IsTheStandardsVersion(int bytes, char level, int version)
    {
        Assert.Equal(version, QrEncoder.SmallestVersion(bytes, Level(level)));
    }

    [Fact]
    public void Encode_MoreThanVersion40Holds_Throws()
    {
        Assert.Throws<ArgumentException>(() => QrEncoder.Encode(new byte[2954], QrErrorLevel.Low));
    }

    private static QrErrorLevel Level(char letter) => letter == 'L' ? QrErrorLevel.Low : QrErrorLevel.Medium;

    private static string[] Rows(QrCode code) =>
        Enumerable.Range(0, code.Size)
            .Select(r => new string(Enumerable.Range(0, code.Size).Select(c => code.IsDark(r, c) ? '#' : '.').ToArray()))
            .ToArray();
}
