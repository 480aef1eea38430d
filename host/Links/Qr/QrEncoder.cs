namespace VMessPlugins.Host.Links.Qr;

/// <summary>Encodes bytes as a QR code in byte mode, choosing the smallest version and the best mask.</summary>
internal static class QrEncoder
{
    private const int ByteModeIndicator = 0b0100;

    /// <param name="mask">0–7 to force a mask pattern; null picks the one with the lowest penalty.</param>
    /// <exception cref="ArgumentException">The data does not fit in a version 40 symbol.</exception>
    public static QrCode Encode(ReadOnlySpan<byte> data, QrErrorLevel level, int? mask = null)
    {
        var version = SmallestVersion(data.Length, level)
            ?? throw new ArgumentException($"{data.Length} bytes do not fit in a QR code at level {level}", nameof(data));
        var codewords = AddErrorCorrection(DataCodewords(data, version, level), version, level);

        var matrix = new QrMatrix(version);
        matrix.DrawFunctionPatterns();
        matrix.DrawCodewords(codewords);

        var chosen = mask ?? matrix.BestMask(level);
        matrix.ApplyMask(chosen);
        matrix.DrawFormatBits(level, chosen);
        return new QrCode(version, level, chosen, matrix.Modules);
    }

    public static int? SmallestVersion(int byteCount, QrErrorLevel level)
    {
        for (var version = 1; version <= QrVersionTable.MaxVersion; version++)
        {
            var bitsNeeded = 4 + CountBits(version) + (8 * byteCount);
            if (bitsNeeded <= QrVersionTable.DataCodewords(version, level) * 8)
            {
                return version;
            }
        }

        return null;
    }

    private static int CountBits(int version) => version <= 9 ? 8 : 16;

    private static byte[] DataCodewords(ReadOnlySpan<byte> data, int version, QrErrorLevel level)
    {
        var capacityBits = QrVersionTable.DataCodewords(version, level) * 8;
        var bits = new QrBitWriter();
        bits.Append(ByteModeIndicator, 4);
        bits.Append(data.Length, CountBits(version));
        foreach (var value in data)
        {
            bits.Append(value, 8);
        }

        bits.Append(0, Math.Min(4, capacityBits - bits.Length));
        bits.Append(0, (8 - (bits.Length % 8)) % 8);
        var bytes = bits.ToBytes();

        var result = new byte[capacityBits / 8];
        bytes.CopyTo(result, 0);
        for (var i = bytes.Length; i < result.Length; i++)
        {
            result[i] = (i - bytes.Length) % 2 == 0 ? (byte)0xEC : (byte)0x11;
        }

        return result;
    }

    // Splits the data into blocks, appends each block's ECC, then interleaves column by column.
    private static byte[] AddErrorCorrection(byte[] data, int version, QrErrorLevel level)
    {
        var blockCount = QrVersionTable.Blocks(version, level);
        var eccLength = QrVersionTable.EccPerBlock(version, level);
        var total = QrVersionTable.TotalCodewords(version);
        var longBlocks = total % blockCount;
        var shortDataLength = (total / blockCount) - eccLength;

        var dataBlocks = new byte[blockCount][];
        var eccBlocks = new byte[blockCount][];
        var offset = 0;
        for (var b = 0; b < blockCount; b++)
        {
            // Short blocks come first; the long ones carry one more data codeword.
            var length = shortDataLength + (b >= blockCount - longBlocks ? 1 : 0);
            dataBlocks[b] = data.AsSpan(offset, length).ToArray();
            eccBlocks[b] = ReedSolomon.Remainder(dataBlocks[b], eccLength);
            offset += length;
        }

        var result = new List<byte>(total);
        for (var i = 0; i <= shortDataLength; i++)
        {
            foreach (var block in dataBlocks)
            {
                if (i < block.Length)
                {
                    result.Add(block[i]);
                }
            }
        }

        for (var i = 0; i < eccLength; i++)
        {
            foreach (var block in eccBlocks)
            {
                result.Add(block[i]);
            }
        }

        return [.. result];
    }
}
