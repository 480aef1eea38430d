using Microsoft.Extensions.Configuration;

namespace VMessPlugins.Host.Configuration;

/// <summary>One parsed config file: its name as the user gave it and its contents.</summary>
internal sealed record ConfigFile(string Name, IConfigurationRoot Root);
