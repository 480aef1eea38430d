namespace VMessPlugins.Host.Plugins;

/// <summary>What a plugin assembly's metadata says, read without loading it.</summary>
/// <param name="Version">The assembly's own version.</param>
/// <param name="AbstractionsVersion">The VMessPlugins.Abstractions version it was built against, if it references it.</param>
internal sealed record PluginAssemblyFacts(Version Version, Version? AbstractionsVersion);
