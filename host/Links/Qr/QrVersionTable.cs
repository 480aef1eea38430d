namespace VMessPlugins.Host.Links.Qr;

/// <summary>Per-version sizes from ISO/IEC 18004 (table 9), for levels L and M.</summary>
internal static class QrVersionTable
{
    public const int MaxVersion = 40;

    // Index = version (0 unused).
    private static readonly byte[] s_eccPerBlockLow =
    [
        0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
        28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ];

    private static readonly byte[] s_eccPerBlockMedium =
    [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
        26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ];

    private static readonly byte[] s_blocksLow =
    [
        0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
        8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ];

    private static readonly byte[] s_blocksMedium =
    [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
        17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ];

    public static int Size(int version) => 17 + (4 * version);

    public static int EccPerBlock(int version, QrErrorLevel level) =>
        level == QrErrorLevel.Low ? s_eccPerBlockLow[version] : s_eccPerBlockMedium[version];

    public static int Blocks(int version, QrErrorLevel level) =>
        level == QrErrorLevel.Low ? s_blocksLow[version] : s_blocksMedium[version];

    /// <summary>Modules left for data and ECC once every function pattern is placed.</summary>
    public static int DataModules(int version)
    {
        var size = Size(version);
        var modules = size * size;
        modules -= 3 * 64;                 // finders with their separators
        modules -= 2 * (size - 16);        // timing patterns between the finders
        modules -= 31;                     // two copies of format info and the dark module
        var alignments = AlignmentPositions(version).Length;
        if (alignments > 0)
        {
            // All n*n centres minus the three overlapping finders; those on the timing lines share 10 modules each.
            modules -= ((alignments * alignments) - 3) * 25;
            modules += 2 * (alignments - 2) * 5;
        }

        if (version >= 7)
        {
            modules -= 36;                 // two copies of version info
        }

        return modules;
    }

    public static int TotalCodewords(int version) => DataModules(version) / 8;

    public static int DataCodewords(int version, QrErrorLevel level) =>
        TotalCodewords(version) - (EccPerBlock(version, level) * Blocks(version, level));

    /// <summary>Row/column coordinates of alignment pattern centres (none for version 1).</summary>
    public static int[] AlignmentPositions(int version)
    {
        if (version == 1)
        {
            return [];
        }

        var count = (version / 7) + 2;
        var last = Size(version) - 7;
        // Evenly spaced back from the last one with an even step; version 32 is the one exception in the standard.
        var step = version == 32 ? 26 : (((last - 6) + ((count - 1) * 2) - 1) / ((count - 1) * 2)) * 2;
        var positions = new int[count];
        positions[0] = 6;
        for (var i = count - 1; i >= 1; i--)
        {
            positions[i] = last - ((count - 1 - i) * step);
        }

        return positions;
    }
}
