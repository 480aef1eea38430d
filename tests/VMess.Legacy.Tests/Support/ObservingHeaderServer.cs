using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Tests.VMess.Legacy.Tests.Support;

/// <summary>A scripted header server that also records every <see cref="IVMessIncompleteHeaderObserver"/> call.</summary>
internal sealed class ObservingHeaderServer(Func<int, VMessHeaderReadResult> answer) : ScriptedHeaderServer(answer), IVMessIncompleteHeaderObserver
{
    private readonly List<byte[]> _incomplete = [];

    /// <summary>The input of each call, in order.</summary>
    public IReadOnlyList<byte[]> Incomplete
    {
        get
        {
            lock (_incomplete)
            {
                return _incomplete.ToArray();
            }
        }
    }

    public void OnHeaderIncomplete(ReadOnlySpan<byte> input)
    {
        lock (_incomplete)
        {
            _incomplete.Add(input.ToArray());
        }
    }
}
