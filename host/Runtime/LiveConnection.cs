using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Host.Runtime;

/// <summary>A connection being served: who it is (session), where it came in, and how to end it early.</summary>
internal sealed class LiveConnection(SessionContext session, InboundRunner runner, RuntimeGeneration generation, CancellationTokenSource cancel)
{
    public SessionContext Session { get; } = session;

    /// <summary>The inbound runner that accepted it (a reload may have stopped that runner's listeners since).</summary>
    public InboundRunner Runner { get; } = runner;

    /// <summary>The config it started under: its dispatcher routes the connection to the end.</summary>
    public RuntimeGeneration Generation { get; } = generation;

    public CancellationToken Token => cancel.Token;

    /// <summary>Completes when serving has ended and the connection is disposed.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the connection at once (cancels its handler and relay).</summary>
    public void End()
    {
        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended on its own meanwhile.
        }
    }

    public void Release() => cancel.Dispose();
}
