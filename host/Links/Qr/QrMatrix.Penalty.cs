namespace VMessPlugins.Host.Links.Qr;

/// <summary>
/// Mask selection by the standard's four penalty rules, scored on the whole symbol with its format bits
/// (the same scoring as libqrencode, so both pick the same mask).
/// </summary>
internal sealed partial class QrMatrix
{
    private const int RunPenalty = 3;
    private const int BlockPenalty = 3;
    private const int FinderLikePenalty = 40;
    private const int BalancePenalty = 10;

    public int BestMask(QrErrorLevel level)
    {
        var best = 0;
        var lowest = int.MaxValue;
        for (var mask = 0; mask < 8; mask++)
        {
            ApplyMask(mask);
            DrawFormatBits(level, mask);
            var penalty = Penalty();
            if (penalty < lowest)
            {
                lowest = penalty;
                best = mask;
            }

            ApplyMask(mask); // masking is an XOR: applying it again undoes it
        }

        return best;
    }

    public int Penalty()
    {
        var penalty = BalanceScore();
        var line = new bool[_size];
        var runs = new int[_size + 1];
        for (var i = 0; i < _size; i++)
        {
            for (var j = 0; j < _size; j++)
            {
                line[j] = _dark[i, j];
            }

            penalty += LineScore(line, runs);
            for (var j = 0; j < _size; j++)
            {
                line[j] = _dark[j, i];
            }

            penalty += LineScore(line, runs);
        }

        return penalty + BlockScore();
    }

    // Rules 1 and 3 on one row or column, from its run lengths. Runs alternate light, dark, light...,
    // starting with a (possibly empty) light run, so dark runs have odd indices.
    private static int LineScore(bool[] line, int[] runs)
    {
        var count = RunLengths(line, runs);
        var score = 0;
        for (var i = 0; i < count; i++)
        {
            if (runs[i] >= 5)
            {
                score += RunPenalty + (runs[i] - 5);
            }

            if (i % 2 == 1 && IsFinderLike(runs, count, i))
            {
                score += FinderLikePenalty;
            }
        }

        return score;
    }

    // A 1:1:3:1:1 dark-light-dark-light-dark pattern centred on run i, with a wide light run (or the edge) on one side.
    private static bool IsFinderLike(int[] runs, int count, int i)
    {
        if (i < 3 || i >= count - 2 || runs[i] % 3 != 0)
        {
            return false;
        }

        var unit = runs[i] / 3;
        if (runs[i - 2] != unit || runs[i - 1] != unit || runs[i + 1] != unit || runs[i + 2] != unit)
        {
            return false;
        }

        return i == 3 || runs[i - 3] >= 4 * unit || i + 4 >= count || runs[i + 3] >= 4 * unit;
    }

    private static int RunLengths(bool[] line, int[] runs)
    {
        var head = 0;
        if (line[0])
        {
            runs[0] = 0; // empty light run before a dark start
            head = 1;
        }

        runs[head] = 1;
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] != line[i - 1])
            {
                runs[++head] = 1;
            }
            else
            {
                runs[head]++;
            }
        }

        return head + 1;
    }

    private int BlockScore()
    {
        var score = 0;
        for (var row = 1; row < _size; row++)
        {
            for (var column = 1; column < _size; column++)
            {
                var colour = _dark[row, column];
                if (_dark[row - 1, column] == colour && _dark[row, column - 1] == colour && _dark[row - 1, column - 1] == colour)
                {
                    score += BlockPenalty;
                }
            }
        }

        return score;
    }

    // Rule 4: 10 points per full 5 % step the dark share (rounded to a whole percent) is away from 50 %.
    private int BalanceScore()
    {
        var dark = 0;
        foreach (var module in _dark)
        {
            dark += module ? 1 : 0;
        }

        var total = _size * _size;
        var percent = ((200 * dark) + total) / total / 2;
        return Math.Abs(percent - 50) / 5 * BalancePenalty;
    }
}
