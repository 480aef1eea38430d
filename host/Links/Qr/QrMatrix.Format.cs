namespace VMessPlugins.Host.Links.Qr;

/// <summary>Format and version information, each a BCH code word drawn twice.</summary>
internal sealed partial class QrMatrix
{
    private const int FormatGenerator = 0x537;
    private const int FormatXorMask = 0x5412;
    private const int VersionGenerator = 0x1F25;

    public void DrawFormatBits(QrErrorLevel level, int mask)
    {
        var bits = FormatBits(level, mask);
        bool Bit(int i) => ((bits >> i) & 1) != 0;

        // Copy 1, around the top-left finder: down column 8 (skipping the timing row), then left along row 8.
        for (var i = 0; i <= 5; i++)
        {
            SetFunction(i, 8, Bit(i));
        }

        SetFunction(7, 8, Bit(6));
        SetFunction(8, 8, Bit(7));
        SetFunction(8, 7, Bit(8));
        for (var i = 9; i < 15; i++)
        {
            SetFunction(8, 14 - i, Bit(i));
        }

        // Copy 2: row 8 under the top-right finder, then column 8 beside the bottom-left one.
        for (var i = 0; i < 8; i++)
        {
            SetFunction(8, _size - 1 - i, Bit(i));
        }

        for (var i = 8; i < 15; i++)
        {
            SetFunction(_size - 15 + i, 8, Bit(i));
        }

        SetFunction(_size - 8, 8, true);
    }

    public static int FormatBits(QrErrorLevel level, int mask)
    {
        var levelBits = level == QrErrorLevel.Low ? 0b01 : 0b00;
        var data = (levelBits << 3) | mask;
        return ((data << 10) | BchRemainder(data, FormatGenerator, 10)) ^ FormatXorMask;
    }

    private void DrawVersionBits()
    {
        if (_version < 7)
        {
            return;
        }

        var bits = (_version << 12) | BchRemainder(_version, VersionGenerator, 12);
        for (var i = 0; i < 18; i++)
        {
            var dark = ((bits >> i) & 1) != 0;
            var near = i / 3;
            var far = _size - 11 + (i % 3);
            SetFunction(near, far, dark);   // left of the top-right finder
            SetFunction(far, near, dark);   // above the bottom-left finder
        }
    }

    private static int BchRemainder(int data, int generator, int degree)
    {
        var remainder = data << degree;
        for (var bit = 30; bit >= degree; bit--)
        {
            if (((remainder >> bit) & 1) != 0)
            {
                remainder ^= generator << (bit - degree);
            }
        }

        return remainder;
    }
}
