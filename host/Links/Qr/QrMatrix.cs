namespace VMessPlugins.Host.Links.Qr;

/// <summary>The module grid being built, with the function modules (finders, timing, alignment, format, version) marked.</summary>
internal sealed partial class QrMatrix
{
    private readonly int _version;
    private readonly int _size;
    private readonly bool[,] _dark;
    private readonly bool[,] _isFunction;

    public QrMatrix(int version)
    {
        _version = version;
        _size = QrVersionTable.Size(version);
        _dark = new bool[_size, _size];
        _isFunction = new bool[_size, _size];
    }

    public bool[,] Modules => (bool[,])_dark.Clone();

    public void DrawFunctionPatterns()
    {
        for (var i = 0; i < _size; i++)
        {
            SetFunction(6, i, i % 2 == 0);
            SetFunction(i, 6, i % 2 == 0);
        }

        DrawFinder(3, 3);
        DrawFinder(3, _size - 4);
        DrawFinder(_size - 4, 3);

        var centres = QrVersionTable.AlignmentPositions(_version);
        foreach (var row in centres)
        {
            foreach (var column in centres)
            {
                var overlapsFinder = (row == 6 && column == 6)
                    || (row == 6 && column == centres[^1])
                    || (row == centres[^1] && column == 6);
                if (!overlapsFinder)
                {
                    DrawAlignment(row, column);
                }
            }
        }

        // Reserve the format areas now (mask 0 bits as placeholders); the real bits go in after masking.
        DrawFormatBits(QrErrorLevel.Medium, 0);
        DrawVersionBits();
    }

    private void DrawFinder(int centreRow, int centreColumn)
    {
        for (var dr = -4; dr <= 4; dr++)
        {
            for (var dc = -4; dc <= 4; dc++)
            {
                var row = centreRow + dr;
                var column = centreColumn + dc;
                if (row >= 0 && row < _size && column >= 0 && column < _size)
                {
                    // Rings by distance from the centre: 3x3 core, light ring, dark ring, light separator.
                    var ring = Math.Max(Math.Abs(dr), Math.Abs(dc));
                    SetFunction(row, column, ring is not 2 and not 4);
                }
            }
        }
    }

    private void DrawAlignment(int centreRow, int centreColumn)
    {
        for (var dr = -2; dr <= 2; dr++)
        {
            for (var dc = -2; dc <= 2; dc++)
            {
                SetFunction(centreRow + dr, centreColumn + dc, Math.Max(Math.Abs(dr), Math.Abs(dc)) != 1);
            }
        }
    }

    private void SetFunction(int row, int column, bool dark)
    {
        _dark[row, column] = dark;
        _isFunction[row, column] = true;
    }
}
