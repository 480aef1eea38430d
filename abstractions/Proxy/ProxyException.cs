namespace VMessPlugins.Abstractions.Proxy;

/// <summary>
/// An expected failure of one connection (refused, unreachable, malformed peer input): logged as one
/// line without a stack trace, and only that connection ends.
/// </summary>
public class ProxyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProxyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ProxyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
