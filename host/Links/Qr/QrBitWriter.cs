namespace VMessPlugins.Host.Links.Qr;

/// <summary>Appends bit fields most significant bit first, as the data stream is laid out.</summary>
internal sealed class QrBitWriter
{
    private readonly List<bool> _bits = [];

    public int Length => _bits.Count;

    public void Append(int value, int bitCount)
    {
        for (var i = bitCount - 1; i >= 0; i--)
        {
            _bits.Add(((value >> i) & 1) != 0);
        }
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[(_bits.Count + 7) / 8];
        for (var i = 0; i < _bits.Count; i++)
        {
            if (_bits[i])
            {
                bytes[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        return bytes;
    }
}
