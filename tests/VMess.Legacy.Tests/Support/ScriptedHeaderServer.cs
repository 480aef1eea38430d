using System.Threading.Channels;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>A header server that answers by input length, as scripted, and reports every question it was asked.</summary>
internal class ScriptedHeaderServer(Func<int, VMessHeaderReadResult> answer) : IVMessHeaderServer
{
    private readonly Channel<int> _asked = Channel.CreateUnbounded<int>();

    /// <summary>Waits until the server has been asked with at least <paramref name="length"/> bytes.</summary>
    public async Task WaitAskedAsync(int length, CancellationToken cancellationToken)
    {
        while (await _asked.Reader.ReadAsync(cancellationToken) < length)
        {
        }
    }

    public VMessHeaderReadResult ReadRequest(ReadOnlySpan<byte> input, VMessRequest request)
    {
        var result = answer(input.Length);
        _asked.Writer.TryWrite(input.Length);
        return result;
    }

    public void AddUser(VMessUser user)
    {
    }

    public bool RemoveUser(ReadOnlySpan<byte> id) => false;

    public int GetResponseLength(VMessResponse response) => throw new NotSupportedException();

    public int WriteResponse(VMessRequest request, VMessResponse response, Span<byte> destination) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
