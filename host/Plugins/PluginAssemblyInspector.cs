using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using VMessPlugins.Abstractions.Plugins;

namespace VMessPlugins.Host.Plugins;

/// <summary>Reads a plugin assembly's version and its abstractions reference from metadata, never loading it.</summary>
internal static class PluginAssemblyInspector
{
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static PluginAssemblyFacts Inspect(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                throw new BadImageFormatException("it has no .NET metadata");
            }

            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                throw new BadImageFormatException("it is a module, not an assembly");
            }

            return new PluginAssemblyFacts(metadata.GetAssemblyDefinition().Version, FindAbstractionsReference(metadata));
        }
        catch (InvalidOperationException ex)
        {
            throw new BadImageFormatException(ex.Message, ex);
        }
    }

    private static Version? FindAbstractionsReference(MetadataReader metadata)
    {
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.StringComparer.Equals(reference.Name, AbstractionsInfo.AssemblyName))
            {
                return reference.Version;
            }
        }

        return null;
    }
}
