namespace VMessPlugins.Host.Links.Qr;

/// <summary>Codeword placement in the two-column zigzag, and the eight mask patterns.</summary>
internal sealed partial class QrMatrix
{
    public void DrawCodewords(byte[] codewords)
    {
        var bitIndex = 0;
        var totalBits = codewords.Length * 8;
        var upward = true;
        for (var right = _size - 1; right >= 1; right -= 2)
        {
            if (right == 6)
            {
                right = 5; // the vertical timing column is skipped as a whole
            }

            for (var step = 0; step < _size; step++)
            {
                var row = upward ? _size - 1 - step : step;
                for (var column = right; column >= right - 1; column--)
                {
                    if (_isFunction[row, column])
                    {
                        continue;
                    }

                    // Bits past the last codeword are the remainder bits, which are light.
                    _dark[row, column] = bitIndex < totalBits
                        && ((codewords[bitIndex / 8] >> (7 - (bitIndex % 8))) & 1) != 0;
                    bitIndex++;
                }
            }

            upward = !upward;
        }
    }

    public void ApplyMask(int mask)
    {
        for (var row = 0; row < _size; row++)
        {
            for (var column = 0; column < _size; column++)
            {
                if (!_isFunction[row, column] && MaskFlips(mask, row, column))
                {
                    _dark[row, column] = !_dark[row, column];
                }
            }
        }
    }

    private static bool MaskFlips(int mask, int row, int column) => mask switch
    {
        0 => (row + column) % 2 == 0,
        1 => row % 2 == 0,
        2 => column % 3 == 0,
        3 => (row + column) % 3 == 0,
        4 => ((row / 2) + (column / 3)) % 2 == 0,
        5 => ((row * column) % 2) + ((row * column) % 3) == 0,
        6 => (((row * column) % 2) + ((row * column) % 3)) % 2 == 0,
        7 => (((row + column) % 2) + ((row * column) % 3)) % 2 == 0,
        _ => throw new ArgumentOutOfRangeException(nameof(mask), mask, "a mask is 0 to 7"),
    };
}
