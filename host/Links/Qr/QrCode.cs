namespace VMessPlugins.Host.Links.Qr;

/// <summary>A finished symbol: <c>true</c> is a dark module. No quiet zone is included.</summary>
internal sealed class QrCode
{
    private readonly bool[,] _modules;

    public QrCode(int version, QrErrorLevel level, int mask, bool[,] modules)
    {
        Version = version;
        Level = level;
        Mask = mask;
        _modules = modules;
    }

    public int Version { get; }

    public QrErrorLevel Level { get; }

    public int Mask { get; }

    public int Size => _modules.GetLength(0);

    public bool IsDark(int row, int column) => _modules[row, column];
}
