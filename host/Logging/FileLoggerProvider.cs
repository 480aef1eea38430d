using Microsoft.Extensions.Logging;

namespace VMessPlugins.Host.Logging;

/// <summary>Appends log lines to a file (the <c>log.access</c> or <c>log.error</c> path), flushed per line.</summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly Func<string, LogLevel, bool> _accepts;
    private readonly Lock _gate = new();

    public FileLoggerProvider(string path, Func<string, LogLevel, bool> accepts)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream) { AutoFlush = true };
        _accepts = accepts;
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    internal bool Accepts(string category, LogLevel level) => _accepts(category, level);

    internal void Write(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }
}
