namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>An HTTP head did not end within <see cref="HttpHeadBuffer.MaxHeadBytes"/>.</summary>
internal sealed class HttpHeadTooLargeException() : IOException($"HTTP head larger than {HttpHeadBuffer.MaxHeadBytes} bytes");
