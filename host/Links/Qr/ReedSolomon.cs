namespace VMessPlugins.Host.Links.Qr;

/// <summary>Reed–Solomon error-correction codewords over GF(256) with the QR polynomial x^8+x^4+x^3+x^2+1.</summary>
internal static class ReedSolomon
{
    private const int FieldPolynomial = 0x11D;

    private static readonly byte[] s_exp = BuildExp();
    private static readonly byte[] s_log = BuildLog(s_exp);

    /// <summary>The <paramref name="eccLength"/> remainder codewords of <paramref name="data"/>.</summary>
    public static byte[] Remainder(ReadOnlySpan<byte> data, int eccLength)
    {
        var generator = Generator(eccLength);
        var remainder = new byte[eccLength];
        foreach (var value in data)
        {
            // Polynomial long division, one data codeword at a time.
            var factor = (byte)(value ^ remainder[0]);
            remainder.AsSpan(1).CopyTo(remainder);
            remainder[^1] = 0;
            for (var i = 0; i < eccLength; i++)
            {
                remainder[i] ^= Multiply(generator[i + 1], factor);
            }
        }

        return remainder;
    }

    public static byte Multiply(byte a, byte b) =>
        a == 0 || b == 0 ? (byte)0 : s_exp[(s_log[a] + s_log[b]) % 255];

    // Coefficients of (x - a^0)(x - a^1)...(x - a^(n-1)), highest degree first; the leading one is 1.
    private static byte[] Generator(int degree)
    {
        var coefficients = new byte[degree + 1];
        coefficients[0] = 1;
        for (var root = 0; root < degree; root++)
        {
            var alpha = s_exp[root];
            for (var i = root + 1; i >= 1; i--)
            {
                coefficients[i] ^= Multiply(coefficients[i - 1], alpha);
            }
        }

        return coefficients;
    }

    private static byte[] BuildExp()
    {
        var exp = new byte[255];
        var value = 1;
        for (var i = 0; i < 255; i++)
        {
            exp[i] = (byte)value;
            value <<= 1;
            if (value >= 0x100)
            {
                value ^= FieldPolynomial;
            }
        }

        return exp;
    }

    private static byte[] BuildLog(byte[] exp)
    {
        var log = new byte[256];
        for (var i = 0; i < 255; i++)
        {
            log[exp[i]] = (byte)i;
        }

        return log;
    }
}
