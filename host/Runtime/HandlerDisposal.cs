namespace VMessPlugins.Host.Runtime;

/// <summary>Disposes handlers that turn out to be disposable (the contracts do not require it).</summary>
internal static class HandlerDisposal
{
    public static async Task DisposeAllAsync(IEnumerable<object> handlers)
    {
        foreach (var handler in handlers)
        {
            try
            {
                switch (handler)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // A handler that fails to clean up must not stop the others.
            }
        }
    }
}
