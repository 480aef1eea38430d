namespace VMessPlugins.Host.Management;

/// <summary>The management API could not be used; the message is for the operator.</summary>
internal sealed class ManagementClientException : Exception
{
    public ManagementClientException(string message)
        : base(message)
    {
    }

    public ManagementClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
