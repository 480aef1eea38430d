using Microsoft.Extensions.Logging;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Logging;
using VMessPlugins.Tests.Host.Tests.Support;

namespace VMessPlugins.Tests.Host.Tests.Logging;

public sealed class LoggingSetupTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Create_AccessAndErrorFiles_EachGetsItsOwnLinesFilteredByLevel()
    {
        var access = _temp.File("access.log");
        var error = _temp.File("error.log");
        using (var factory = LoggingSetup.Create(new LogSettings(LogLevel.Warning, access, false, error)))
        {
            factory.CreateLogger("Access").LogInformation("127.0.0.1:1 accepted tcp:example.com:443 [in >> out]");
            factory.CreateLogger("Some.Component").LogInformation("too chatty for warning level");
            factory.CreateLogger("Some.Component").LogWarning("worth seeing");
        }

        var accessLine = Assert.Single(File.ReadAllLines(access));
        Assert.Matches(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} 127\.0\.0\.1:1 accepted tcp:example\.com:443 \[in >> out\]$", accessLine);
        var errorLine = Assert.Single(File.ReadAllLines(error));
        Assert.EndsWith(" [Warning] worth seeing", errorLine);
    }

    [Fact]
    public void Create_AccessNone_WritesNoAccessLines()
    {
        var error = _temp.File("error.log");
        using (var factory = LoggingSetup.Create(new LogSettings(LogLevel.Debug, null, true, error)))
        {
            factory.CreateLogger("Access").LogInformation("hidden");
            factory.CreateLogger("X").LogDebug("shown");
        }

        Assert.EndsWith(" [Debug] shown", Assert.Single(File.ReadAllLines(error)));
    }
}
